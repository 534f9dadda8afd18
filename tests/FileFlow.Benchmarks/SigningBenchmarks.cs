using BenchmarkDotNet.Attributes;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace FileFlow.Benchmarks;

/// <summary>CMS signing of a record's canonical bytes, and verifying it against the root, per key type.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private CmsSigner signer = null!;
    private CertificateSignatureVerifier verifier = null!;
    private SignedRecord signed = null!;

    [Params(CertificateKeyAlgorithm.Rsa2048, CertificateKeyAlgorithm.EcdsaP256, CertificateKeyAlgorithm.Ed25519)]
    public CertificateKeyAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var authority = BenchOffice.Authority(Algorithm);
        var office = new BenchOffice(o => BenchOffice.Issue(authority, o, Algorithm).CreateSigner());
        var file = await office.OpenAsync();
        signed = (await office.MoveAsync(file, 0)).Record;
        signer = BenchOffice.Issue(authority, BenchOffice.Ramesh, Algorithm).CreateSigner();
        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(authority.Root);
        verifier = new CertificateSignatureVerifier(trust);
    }

    [Benchmark]
    public ValueTask<RecordSignature> Sign() => signer.SignAsync(signed.CanonicalBytes, BenchOffice.Start);

    [Benchmark]
    public SignatureCheck Verify() => verifier.Verify(signed.Record, signed.CanonicalBytes.Span, signed.Signature);
}
