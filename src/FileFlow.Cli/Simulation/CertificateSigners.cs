using System.Collections.Concurrent;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Simulation;

/// <summary>Gives each officer a certificate from the development authority, and signs with CMS: on the officer's key from the keyring when
/// <see cref="Provision"/> issued certificates for them before the year, otherwise on a key made the first time they sign.</summary>
internal sealed class CertificateSigners(DevelopmentCertificateAuthority authority, OrganisationChart chart, CertificateKeyAlgorithm algorithm, DateTimeOffset notBefore, DateTimeOffset notAfter) : ISignerProvider
{
    public const string SystemName = "FileFlow time-limit escalation";

    /// <summary>The engine's system officer (<c>FileFlowEngineOptions.SystemOfficer</c>), whose certificate states the System role.</summary>
    public static readonly OfficerId SystemOfficer = new("fileflow-system");

    private readonly ConcurrentDictionary<OfficerId, Lazy<ISigner>> signers = new();

    private readonly ConcurrentDictionary<OfficerId, OfficerCredential> credentials = new();

    public int Issued => signers.Count;

    /// <summary>Issues every keyring officer's certificate, on all cores, so the year starts with every officer holding a credential.</summary>
    /// <param name="progress">Called with the number of certificates issued so far, from any thread.</param>
    public void Provision(OfficerKeyring keyring, Action<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        var issued = 0;
        Parallel.ForEach(keyring.Keys, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, entry =>
        {
            var (officer, key) = entry;
            var certificate = authority.IssueOfficerCertificate(Request(officer, NameOf(officer), "", null), key.PublicKeyInfo);
            var credential = OfficerCredential.FromKey(key, certificate, authority.Chain);
            credentials[officer] = credential;
            signers[officer] = new Lazy<ISigner>(credential.CreateSigner());
            progress?.Invoke(Interlocked.Increment(ref issued));
        });
    }

    /// <summary>Gets the credentials <see cref="Provision"/> issued, by officer: what <c>simulate --officer-credentials DIR</c> writes out.</summary>
    public IReadOnlyDictionary<OfficerId, OfficerCredential> Provisioned => credentials;

    public ISigner GetSigner(OfficerId officer) =>
        signers.GetOrAdd(officer, o => new Lazy<ISigner>(() => Issue(o), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Issues an officer's credential from the simulation's authority in its validity window, in the officers' key type unless another is asked.</summary>
    public OfficerCredential IssueCredential(OfficerId holder, string name, string designation = "", CertificateKeyAlgorithm? keyAlgorithm = null) =>
        authority.IssueOfficerCertificate(Request(holder, name, designation, keyAlgorithm));

    /// <summary>Issues a service's credential (system, export, log or organisation) stating its one role.</summary>
    public OfficerCredential IssueServiceCredential(ServiceRole role, OfficerId holder, string name, CertificateKeyAlgorithm? keyAlgorithm = null) =>
        authority.IssueServiceCertificate(role, Request(holder, name, "FileFlow " + role + " service", keyAlgorithm));

    private OfficerCertificateRequest Request(OfficerId holder, string name, string designation, CertificateKeyAlgorithm? keyAlgorithm) =>
        new()
        {
            Officer = holder,
            Name = name,
            Designation = designation,
            Office = "FileFlow simulation",
            State = "Jammu and Kashmir",
            Algorithm = keyAlgorithm ?? algorithm,
            NotBefore = notBefore,
            NotAfter = notAfter,
        };

    private CmsSigner Issue(OfficerId officer) =>
        (officer == SystemOfficer ? IssueServiceCredential(ServiceRole.System, officer, SystemName)
            : IssueCredential(officer, NameOf(officer))).CreateSigner();

    private string NameOf(OfficerId officer) => chart.ContainsOfficer(officer) ? chart.GetOfficer(officer).Name : SystemName;
}
