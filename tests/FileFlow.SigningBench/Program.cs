// Prints signing and verification rates of CMS signatures against the raw private-key operation, measured in the same run.
// Run: dotnet run -c Release --project tests/FileFlow.SigningBench [seconds-per-measurement]
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 2.0;
var duration = TimeSpan.FromSeconds(seconds);
var start = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
var officer = new OfficerId("sunita");
var root = DevelopmentCertificateAuthority.CreateRoot("Bench Root", start.AddYears(-1), start.AddYears(10));
var issuing = root.CreateIntermediate("Bench Issuing CA", start.AddYears(-1), start.AddYears(10));
var options = new CertificateTrustOptions();
options.TrustAnchors.Add(root.Root);
options.Crls.Add(issuing.IssueCrl(start, start.AddDays(30)));

Console.WriteLine($"FileFlow signing bench: {Environment.ProcessorCount} cores, {seconds:0.0} s per measurement, .NET {Environment.Version}");
Console.WriteLine();

// ---------------- RSA-2048 ----------------
var rsaCredential = issuing.IssueOfficerCertificate(Request(CertificateKeyAlgorithm.Rsa2048));
var rsaSigner = rsaCredential.CreateSigner();
using var nativeRsa = RSA.Create(2048);
var sample = Record(rsaSigner.KeyId, 0);
var rawSign = Rate(() => nativeRsa.SignData(sample, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
var cmsSign = Rate(() => rsaSigner.SignAsync(sample, start).AsTask().GetAwaiter().GetResult());
var rawSignature = nativeRsa.SignData(sample, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
var rawVerify = Rate(() => nativeRsa.VerifyData(sample, rawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
var rawVerifyAll = ParallelRate(_ => nativeRsa.VerifyData(sample, rawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
var (cmsVerify, cmsVerifyAll) = VerifyRates(rsaSigner, new CertificateSignatureVerifier(options));
Print("RSA-2048", "native RSA", rawSign, cmsSign, rawVerify, cmsVerify, rawVerifyAll, cmsVerifyAll);

// ---------------- Ed25519 ----------------
var edCredential = issuing.IssueOfficerCertificate(Request(CertificateKeyAlgorithm.Ed25519));
var edSigner = edCredential.CreateSigner();
var generator = new Ed25519KeyPairGenerator();
generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
var pair = generator.GenerateKeyPair();
var edSample = Record(edSigner.KeyId, 0);
byte[] EdSign()
{
    var s = new Ed25519Signer();
    s.Init(true, pair.Private);
    s.BlockUpdate(edSample);
    return s.GenerateSignature();
}

var edRawSignature = EdSign();
bool EdVerify()
{
    var s = new Ed25519Signer();
    s.Init(false, (Ed25519PublicKeyParameters)pair.Public);
    s.BlockUpdate(edSample);
    return s.VerifySignature(edRawSignature);
}

var edRawSign = Rate(() => EdSign());
var edCmsSign = Rate(() => edSigner.SignAsync(edSample, start).AsTask().GetAwaiter().GetResult());
var edRawVerify = Rate(() => EdVerify());
var edRawVerifyAll = ParallelRate(_ => EdVerify());
var (edCmsVerify, edCmsVerifyAll) = VerifyRates(edSigner, new CertificateSignatureVerifier(options));
Print("Ed25519", "BouncyCastle Ed25519", edRawSign, edCmsSign, edRawVerify, edCmsVerify, edRawVerifyAll, edCmsVerifyAll);
return 0;

OfficerCertificateRequest Request(CertificateKeyAlgorithm algorithm) => new()
{
    Officer = officer,
    Name = "Sunita Verma",
    Designation = "Section Officer",
    Office = "Directorate of Health Services",
    State = "Kerala",
    Algorithm = algorithm,
    NotBefore = start.AddYears(-1),
    NotAfter = start.AddYears(2),
};

TransitionRecord MakeRecord(string keyId, int i) => new()
{
    DocumentId = DocumentId.New(),
    Kind = DocumentKind.File,
    Sequence = i,
    ActionId = Guid.NewGuid(),
    Trigger = DocumentTrigger.Forward,
    From = DocumentState.Draft,
    To = DocumentState.Forwarded,
    Actor = officer,
    ActingAs = new PostId("EST-SO"),
    Capacity = ActingCapacity.Holder,
    Holder = new PostId("EST-US"),
    OccurredAt = start.AddSeconds(i),
    PreviousHash = Hash256.Compute(BitConverter.GetBytes(i)),
    SignerKeyId = keyId,
};

byte[] Record(string keyId, int i) => RecordCodec.Encode(MakeRecord(keyId, i));

(double Single, double All) VerifyRates(ISigner signer, CertificateSignatureVerifier verifier)
{
    // A stored history: 512 records by one officer, verified over and over (the certificate's chain is checked once, then cached).
    var history = Enumerable.Range(0, 512).Select(i =>
    {
        var record = MakeRecord(signer.KeyId, i);
        var bytes = RecordCodec.Encode(record);
        return (record, bytes, signer.SignAsync(bytes, record.OccurredAt).AsTask().GetAwaiter().GetResult());
    }).ToArray();
    if (!history.All(h => verifier.Verify(h.record, h.bytes, h.Item3).IsValid))
    {
        throw new InvalidOperationException("The history does not verify.");
    }

    var n = 0;
    var single = Rate(() =>
    {
        var h = history[n++ & 511];
        return verifier.Verify(h.record, h.bytes, h.Item3).IsValid;
    });
    var all = ParallelRate(i =>
    {
        var h = history[i & 511];
        return verifier.Verify(h.record, h.bytes, h.Item3).IsValid;
    });
    return (single, all);
}

double Rate<T>(Func<T> operation)
{
    for (var i = 0; i < 20; i++)
    {
        operation();
    }

    var watch = Stopwatch.StartNew();
    long count = 0;
    while (watch.Elapsed < duration)
    {
        for (var i = 0; i < 16; i++)
        {
            operation();
        }

        count += 16;
    }

    return count / watch.Elapsed.TotalSeconds;
}

double ParallelRate(Func<int, bool> operation)
{
    var watch = Stopwatch.StartNew();
    long count = 0;
    Parallel.For(0, Environment.ProcessorCount, _ =>
    {
        long local = 0;
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 16; i++)
            {
                operation((int)(local + i));
            }

            local += 16;
        }

        Interlocked.Add(ref count, local);
    });
    return count / watch.Elapsed.TotalSeconds;
}

static void Print(string name, string raw, double rawSign, double cmsSign, double rawVerify, double cmsVerify, double rawVerifyAll, double cmsVerifyAll)
{
    Console.WriteLine($"== {name}");
    Console.WriteLine($"  sign    raw {raw,-22} {rawSign,10:N0}/s   CmsSigner {cmsSign,10:N0}/s   ratio {cmsSign / rawSign:P0}");
    Console.WriteLine($"  verify  raw {raw,-22} {rawVerify,10:N0}/s   CMS verifier (1 core) {cmsVerify,10:N0}/s   ratio {cmsVerify / rawVerify:P0}");
    Console.WriteLine($"  verify  all cores: raw {rawVerifyAll,10:N0}/s   CMS verifier {cmsVerifyAll,10:N0}/s   ratio {cmsVerifyAll / rawVerifyAll:P0}");
    Console.WriteLine();
}
