// Prints signing and verification rates of CMS signatures against the raw private-key operation, measured in the same run.
// Run: dotnet run -c Release --project tests/FileFlow.SigningBench [seconds-per-measurement, default 1]
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;

// The machine may be shared: every figure is the best of three rounds, and each round measures the raw primitive and
// FileFlow's operation back to back, so a ratio compares figures taken under the same load.
const int Rounds = 3;
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
var rawSignature = nativeRsa.SignData(sample, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
var rsaHistory = History(rsaSigner, new CertificateSignatureVerifier(options));
double rawSign = 0, cmsSign = 0, rawVerify = 0, cmsVerify = 0, rawVerifyAll = 0, cmsVerifyAll = 0;
for (var round = 0; round < Rounds; round++)
{
    rawSign = Math.Max(rawSign, Rate(() => nativeRsa.SignData(sample, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    cmsSign = Math.Max(cmsSign, Rate(() => rsaSigner.SignAsync(sample, start).AsTask().GetAwaiter().GetResult()));
    rawVerify = Math.Max(rawVerify, Rate(() => nativeRsa.VerifyData(sample, rawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    cmsVerify = Math.Max(cmsVerify, rsaHistory.Single());
    rawVerifyAll = Math.Max(rawVerifyAll, ParallelRate(_ => nativeRsa.VerifyData(sample, rawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    cmsVerifyAll = Math.Max(cmsVerifyAll, rsaHistory.All());
}

Print("RSA-2048", "native RSA", rawSign, cmsSign, rawVerify, cmsVerify, rawVerifyAll, cmsVerifyAll);

// ---------------- A stored history: RSA-2048 CMS records written by the engine, verified by StoreVerifier ----------------
var office = TestOffice.Create();
foreach (var member in office.Chart.Officers)
{
    office.Signers.Register(member.Id, issuing.IssueOfficerCertificate(Request(CertificateKeyAlgorithm.Rsa2048) with { Officer = member.Id, Name = member.Name }).CreateSigner());
}

for (var i = 0; i < 1000; i++)
{
    var file = await office.OpenFileAsync();
    await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
    await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
    await office.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Arvind);
}

var oneCore = new StoreVerifier(new CertificateSignatureVerifier(options), office.Chart, maxDegreeOfParallelism: 1);
var everyCore = new StoreVerifier(new CertificateSignatureVerifier(options), office.Chart);
var stored = await oneCore.VerifyAllAsync(office.Store);
if (!stored.IsValid)
{
    throw new InvalidOperationException("The stored history does not verify: " + stored.Failures[0]);
}

double storeOne = 0, storeAll = 0, rawOne = 0, rawAll = 0;
for (var round = 0; round < Rounds; round++)
{
    rawOne = Math.Max(rawOne, Rate(() => nativeRsa.VerifyData(sample, rawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    storeOne = Math.Max(storeOne, await StoreRate(oneCore));
    rawAll = Math.Max(rawAll, ParallelRate(_ => nativeRsa.VerifyData(sample, rawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    storeAll = Math.Max(storeAll, await StoreRate(everyCore));
}

Console.WriteLine($"== Stored history: {stored.Records:N0} RSA-2048 CMS records of {stored.Documents:N0} files, StoreVerifier (decode, chain, signature, certificate at signing time, replay, authority)");
Console.WriteLine($"  1 core     raw native RSA verify {rawOne,10:N0}/s   StoreVerifier {storeOne,10:N0} records/s   ratio {storeOne / rawOne:P0}");
Console.WriteLine($"  all cores  raw native RSA verify {rawAll,10:N0}/s   StoreVerifier {storeAll,10:N0} records/s   ratio {storeAll / rawAll:P0}   (StoreVerifier {storeAll / storeOne:0.0}x one core; raw {rawAll / rawOne:0.0}x)");
Console.WriteLine();

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

var edHistory = History(edSigner, new CertificateSignatureVerifier(options));
double edRawSign = 0, edCmsSign = 0, edRawVerify = 0, edCmsVerify = 0, edRawVerifyAll = 0, edCmsVerifyAll = 0;
for (var round = 0; round < Rounds; round++)
{
    edRawSign = Math.Max(edRawSign, Rate(() => EdSign()));
    edCmsSign = Math.Max(edCmsSign, Rate(() => edSigner.SignAsync(edSample, start).AsTask().GetAwaiter().GetResult()));
    edRawVerify = Math.Max(edRawVerify, Rate(() => EdVerify()));
    edCmsVerify = Math.Max(edCmsVerify, edHistory.Single());
    edRawVerifyAll = Math.Max(edRawVerifyAll, ParallelRate(_ => EdVerify()));
    edCmsVerifyAll = Math.Max(edCmsVerifyAll, edHistory.All());
}

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

(Func<double> Single, Func<double> All) History(ISigner signer, CertificateSignatureVerifier verifier)
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
    return (() => Rate(() =>
    {
        var h = history[n++ & 511];
        return verifier.Verify(h.record, h.bytes, h.Item3).IsValid;
    }), () => ParallelRate(i =>
    {
        var h = history[i & 511];
        return verifier.Verify(h.record, h.bytes, h.Item3).IsValid;
    }));
}

async Task<double> StoreRate(StoreVerifier verifier)
{
    await verifier.VerifyAllAsync(office.Store);
    var watch = Stopwatch.StartNew();
    long count = 0;
    while (watch.Elapsed < duration)
    {
        count += (await verifier.VerifyAllAsync(office.Store)).Records;
    }

    return count / watch.Elapsed.TotalSeconds;
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
