using System.Collections.Concurrent;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Simulation;

/// <summary>Gives each officer a certificate from the development authority the first time they sign, and signs with CMS.</summary>
/// <remarks>Issuing lazily keeps a 20,000-officer organisation fast to set up: only officers who act get keys.</remarks>
internal sealed class CertificateSigners(DevelopmentCertificateAuthority authority, OrganisationChart chart, CertificateKeyAlgorithm algorithm, DateTimeOffset notBefore, DateTimeOffset notAfter) : ISignerProvider
{
    public const string SystemName = "FileFlow time-limit escalation";

    /// <summary>The engine's system officer (<c>FileFlowEngineOptions.SystemOfficer</c>), whose certificate states the System role.</summary>
    public static readonly OfficerId SystemOfficer = new("fileflow-system");

    private readonly ConcurrentDictionary<OfficerId, Lazy<ISigner>> signers = new();

    public int Issued => signers.Count;

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
            : IssueCredential(officer, chart.ContainsOfficer(officer) ? chart.GetOfficer(officer).Name : SystemName)).CreateSigner();
}
