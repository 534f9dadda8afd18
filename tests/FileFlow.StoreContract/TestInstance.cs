using System.Security.Cryptography.X509Certificates;
using FileFlow.Audit;
using FileFlow.Engine;
using FileFlow.Instances;
using FileFlow.Organisation;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.StoreContract;

/// <summary>One FileFlow instance for cross-instance tests: the test office's chart, its own development root, officers signing CMS under it,
/// an export and a log certificate, and transfers through a shared folder.</summary>
public sealed class TestInstance
{
    private static readonly DateTimeOffset From = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2045, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, (DevelopmentCertificateAuthority Root, Dictionary<string, OfficerCredential> Credentials)> Pkis = [];

    private TestInstance(string name, TestOffice office, DevelopmentCertificateAuthority root, Dictionary<string, OfficerCredential> credentials)
    {
        Name = name;
        Office = office;
        Root = root;
        Credentials = credentials;
    }

    public string Name { get; }

    public TestOffice Office { get; }

    public FileFlowEngine Engine => Office.Engine;

    public IDocumentStore Store => Office.Store;

    public DevelopmentCertificateAuthority Root { get; }

    public OfficerCredential Log => Credentials["fileflow-log"];

    public OfficerCredential Export => Credentials["fileflow-export"];

    private Dictionary<string, OfficerCredential> Credentials { get; }

    /// <summary>Creates an instance over a store; the PKI of a name is made once and kept (so a restarted instance signs as before).</summary>
    public static TestInstance Create(string name, IDocumentStore store, Func<OrganisationChartBuilder, OrganisationChartBuilder>? extend = null)
    {
        (DevelopmentCertificateAuthority Root, Dictionary<string, OfficerCredential> Credentials) pki;
        lock (Pkis)
        {
            if (!Pkis.TryGetValue(name, out pki))
            {
                var root = DevelopmentCertificateAuthority.CreateRoot($"FileFlow {name} Root CA", From, Until, CertificateKeyAlgorithm.EcdsaP256);
                var credentials = new Dictionary<string, OfficerCredential>(StringComparer.Ordinal);
                credentials["fileflow-log"] = root.IssueServiceCertificate(ServiceRole.Log, Request(new OfficerId("fileflow-log"), name));
                credentials["fileflow-export"] = root.IssueServiceCertificate(ServiceRole.Export, Request(new OfficerId("fileflow-export"), name));
                Pkis[name] = pki = (root, credentials);
            }
        }

        var office = TestOffice.Create(store, extend: extend, options: new FileFlowEngineOptions { Instance = name });
        foreach (var officer in office.Chart.Officers.Select(o => o.Id).Append(TestOffice.System))
        {
            OfficerCredential? credential;
            lock (Pkis)
            {
                if (!pki.Credentials.TryGetValue(officer.Value, out credential))
                {
                    pki.Credentials[officer.Value] = credential = officer == TestOffice.System
                        ? pki.Root.IssueServiceCertificate(ServiceRole.System, Request(officer, name))
                        : pki.Root.IssueOfficerCertificate(Request(officer, name));
                }
            }

            office.Signers.Register(officer, credential.CreateSigner());
        }

        return new TestInstance(name, office, pki.Root, pki.Credentials);
    }

    /// <summary>Transfer options trusting the given instances (this one included) through <paramref name="folder"/>.</summary>
    public InstanceTransferOptions TransferOptions(string folder, params TestInstance[] trusted)
    {
        var options = new InstanceTransferOptions { Folder = folder, ManifestSigner = Export.CreateSigner(), LogSigner = Log.CreateSigner(), TimeProvider = Office.Clock };
        foreach (var instance in trusted.Append(this).Distinct())
        {
            options.TrustAnchors.Add(instance.Root.Root);
            options.TrustedLogs[instance.Name] = new CertificateCheckpointVerifier(instance.Trust(), origin: instance.Name, logCertificateKeyId: instance.Log.KeyId);
        }

        return options;
    }

    public InstanceTransfers Transfers(string folder, params TestInstance[] trusted) => new(Engine, TransferOptions(folder, trusted));

    /// <summary>A store verifier for this instance that trusts the given instances' roots.</summary>
    public StoreVerifier Verifier(params TestInstance[] trusted)
    {
        var trust = new CertificateTrustOptions();
        foreach (var instance in trusted.Append(this).Distinct())
        {
            trust.TrustAnchors.Add(instance.Root.Root);
        }

        return new StoreVerifier(new CertificateSignatureVerifier(trust), Office.Chart) { Instance = Name };
    }

    private CertificateTrustOptions Trust()
    {
        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(Root.Root);
        return trust;
    }

    private static OfficerCertificateRequest Request(OfficerId officer, string instance) => new()
    {
        Officer = officer,
        Name = "Officer " + officer.Value + " of " + instance,
        Designation = "Officer",
        Office = "Instance " + instance,
        State = "Uttar Pradesh",
        Algorithm = CertificateKeyAlgorithm.EcdsaP256,
        NotBefore = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        NotAfter = new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static IEnumerable<X509Certificate2> Roots(params TestInstance[] instances) => instances.Select(i => i.Root.Root);
}
