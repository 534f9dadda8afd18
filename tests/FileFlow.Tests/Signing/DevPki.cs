using System.Collections.Concurrent;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

/// <summary>One development PKI shared by the signing tests: a root, an intermediate, and officer credentials issued on demand.</summary>
internal static class DevPki
{
    public static readonly DateTimeOffset RootFrom = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset RootUntil = new(2045, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset OfficerFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset OfficerUntil = new(2028, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<DevelopmentCertificateAuthority> LazyRoot = new(() =>
        DevelopmentCertificateAuthority.CreateRoot("FileFlow Test Root CA", RootFrom, RootUntil));

    private static readonly Lazy<DevelopmentCertificateAuthority> LazyIssuing = new(() =>
        Root.CreateIntermediate("FileFlow Test Sub-CA for Officers", RootFrom, RootUntil));

    private static readonly ConcurrentDictionary<(string, CertificateKeyAlgorithm), OfficerCredential> Credentials = new();

    private static readonly Lazy<OfficerCredential> LazyExportService = new(() => Issuing.IssueServiceCertificate(ServiceRole.Export, new OfficerCertificateRequest
    {
        Officer = new OfficerId("fileflow-export"),
        Name = "FileFlow export service",
        Designation = "Log and export service",
        Office = "Directorate of Health Services",
        State = "Kerala",
        NotBefore = OfficerFrom,
        NotAfter = OfficerUntil,
    }));

    public static DevelopmentCertificateAuthority Root => LazyRoot.Value;

    /// <summary>A service credential with one role, issued by the sub-CA (a new key each call).</summary>
    public static OfficerCredential Service(ServiceRole role, OfficerId holder) => Issuing.IssueServiceCertificate(role, Request(holder) with { Name = "FileFlow " + role + " service" });

    /// <summary>The office's export service certificate, which signs bundle manifests (issued by the same sub-CA as the officers).</summary>
    public static OfficerCredential ExportService => LazyExportService.Value;

    public static DevelopmentCertificateAuthority Issuing => LazyIssuing.Value;

    /// <summary>A valid credential for an officer (shared across tests; never revoked).</summary>
    public static OfficerCredential For(OfficerId officer, CertificateKeyAlgorithm algorithm = CertificateKeyAlgorithm.Rsa2048) =>
        Credentials.GetOrAdd((officer.Value, algorithm), k => Issuing.IssueOfficerCertificate(Request(new OfficerId(k.Item1), k.Item2)));

    public static OfficerCertificateRequest Request(OfficerId officer, CertificateKeyAlgorithm algorithm = CertificateKeyAlgorithm.Rsa2048) => new()
    {
        Officer = officer,
        Name = "Officer " + officer.Value,
        Designation = "Section Officer",
        Office = "Directorate of Health Services",
        State = "Kerala",
        Algorithm = algorithm,
        NotBefore = OfficerFrom,
        NotAfter = OfficerUntil,
    };

    public static CertificateSignatureVerifier Verifier(params byte[][] crls)
    {
        var options = new CertificateTrustOptions();
        options.TrustAnchors.Add(Root.Root);
        foreach (var crl in crls)
        {
            options.Crls.Add(crl);
        }

        return new CertificateSignatureVerifier(options);
    }

    /// <summary>A record as the engine would build it, signed by <paramref name="signer"/> at <paramref name="at"/>.</summary>
    public static async Task<(TransitionRecord Record, byte[] Bytes, RecordSignature Signature)> SignedRecordAsync(ISigner signer, OfficerId actor, DateTimeOffset at)
    {
        var record = new TransitionRecord
        {
            DocumentId = DocumentId.New(),
            Kind = DocumentKind.File,
            Sequence = 3,
            ActionId = Guid.NewGuid(),
            Trigger = DocumentTrigger.Forward,
            From = DocumentState.Draft,
            To = DocumentState.Forwarded,
            Actor = actor,
            ActingAs = TestOffice.SectionOfficer,
            Capacity = ActingCapacity.Holder,
            Holder = TestOffice.UnderSecretary,
            OccurredAt = RecordCodec.Normalize(at),
            PreviousHash = Hash256.Compute("previous"u8),
            SignerKeyId = signer.KeyId,
        };
        var bytes = RecordCodec.Encode(record);
        var signature = await signer.SignAsync(bytes, record.OccurredAt);
        return (record, bytes, signature);
    }
}
