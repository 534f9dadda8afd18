using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;
using FileFlow.Tests.Signing;
using Net.Pkcs11Interop.Common;

namespace FileFlow.Pkcs11.Tests;

[Collection(TokenCollection.Name)]
public sealed class Pkcs11SignerTests(TokenOffice tokens)
{
    /// <summary>A <see cref="TestOffice"/> whose four officers on the file's path sign with their keys on the two tokens.</summary>
    private TestOffice TokenSignedOffice()
    {
        var office = TestOffice.Create();
        foreach (var (officer, signer) in tokens.Signers)
        {
            office.Signers.Register(officer, signer);
        }

        return office;
    }

    /// <summary>Ramesh opens and forwards (token A), Sunita forwards (token A), Arvind forwards (token B, RSA), Meera approves (token B, ECDSA P-256).</summary>
    private static async Task<List<SignedRecord>> WalkFileAsync(TestOffice office)
    {
        var file = await office.OpenFileAsync();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Arvind, TestOffice.JointSecretary);
        await office.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Meera);
        var records = new List<SignedRecord>();
        await foreach (var stored in office.Store.ReadAllAsync())
        {
            records.Add(stored);
        }

        return records;
    }

    [TokenFact]
    public async Task Engine_SignsWithTokenKeysOnTwoSlots_StoreVerifierAcceptsTheWholeStore()
    {
        var office = TokenSignedOffice();

        var records = await WalkFileAsync(office);

        records.Should().HaveCount(5).And.OnlyContain(r => r.Signature.Algorithm == CmsSigner.AlgorithmName);
        records.Select(r => r.Record.SignerKeyId).Distinct().Should().BeEquivalentTo(
            new[] { TestOffice.Ramesh, TestOffice.Sunita, TestOffice.Arvind, TestOffice.Meera }.Select(o => tokens.Signers[o].KeyId));
        var report = await new StoreVerifier(tokens.Verifier(), office.Chart).VerifyAllAsync(office.Store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        report.Records.Should().Be(5);
    }

    [TokenFact]
    public async Task Engine_TokenSignedRecords_OpensslCmsVerifyAcceptsEach_AndRejectsAFlippedByte()
    {
        var records = await WalkFileAsync(TokenSignedOffice());
        var directory = Directory.CreateTempSubdirectory("fileflow-pkcs11-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "root.pem"), tokens.Root.Root.ExportCertificatePem());
            foreach (var stored in records)
            {
                File.WriteAllBytes(Path.Combine(directory.FullName, "record.bin"), stored.CanonicalBytes.ToArray());
                File.WriteAllBytes(Path.Combine(directory.FullName, "sig.der"), stored.Signature.Value.ToArray());
                var attime = stored.Record.OccurredAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                string[] verify = ["cms", "-verify", "-binary", "-inform", "DER", "-content", "record.bin", "-in", "sig.der", "-CAfile", "root.pem",
                    "-purpose", "any", "-attime", attime, "-out", "/dev/null"];

                var good = OpenSsl.Run(directory.FullName, verify);
                good.ExitCode.Should().Be(0, $"record {stored.Sequence} by {stored.Record.Actor}: {good.Output}");
                good.Output.Should().Contain("Verification successful");

                var tampered = stored.CanonicalBytes.ToArray();
                tampered[^3] ^= 0x01;
                File.WriteAllBytes(Path.Combine(directory.FullName, "record.bin"), tampered);
                OpenSsl.Run(directory.FullName, verify).ExitCode.Should().NotBe(0);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TokenFact]
    public async Task Engine_EightFilesMovedConcurrentlyWithTokenKeys_StoreVerifierAcceptsEveryRecord()
    {
        var office = TokenSignedOffice();

        var walks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var file = (await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile())).Head;
            await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
            await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary });
            return (await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Approve, TestOffice.Arvind))).Head;
        })));

        walks.Should().OnlyContain(head => head.State == DocumentState.Approved);
        var report = await new StoreVerifier(tokens.Verifier(), office.Chart).VerifyAllAsync(office.Store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        report.Records.Should().Be(32);
    }

    [TokenFact]
    public async Task SignAsync_RsaPkcsOverDigestInfo_GivesTheSameSignatureAsSha256RsaPkcs()
    {
        var sha256Rsa = tokens.TokenA.FindSigner(TestOffice.Sunita).Raw;
        var rawRsa = tokens.TokenA.FindSigner(TestOffice.Sunita).Raw;
        sha256Rsa.Mechanism.Should().Be(CKM.CKM_SHA256_RSA_PKCS, "SoftHSM2 offers the hashing mechanism, preferred when present");
        rawRsa.Mechanism = CKM.CKM_RSA_PKCS;
        var data = "signed attributes of a record"u8.ToArray();

        var viaToken = await sha256Rsa.SignAsync(data);
        var viaDigestInfo = await rawRsa.SignAsync(data);

        viaDigestInfo.Should().Equal(viaToken, "RSA PKCS#1 v1.5 is deterministic: both mechanisms sign the same DigestInfo");
        sha256Rsa.Certificate.GetRSAPublicKey()!.VerifyData(data, viaToken, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1).Should().BeTrue();
    }

    [TokenFact]
    public async Task SignAsync_ManyThreadsOnOneTokenAndBothTokens_EverySignatureVerifies()
    {
        var verifier = tokens.Verifier();
        var signers = new[] { tokens.Signers[TestOffice.Sunita], tokens.Signers[TestOffice.Ramesh], tokens.Signers[TestOffice.Arvind], tokens.Signers[TestOffice.Meera] };
        var at = new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var checks = new List<bool>();
            for (var i = 0; i < 20; i++)
            {
                var signer = signers[(worker + i) % signers.Length];
                var record = Record(signer.Officer!.Value, signer.KeyId, at.AddSeconds(i), worker * 100 + i);
                var bytes = RecordCodec.Encode(record);
                var signature = await signer.SignAsync(bytes, record.OccurredAt);
                checks.Add(verifier.Verify(record, bytes, signature).IsValid);
            }

            return checks;
        })));

        results.SelectMany(r => r).Should().HaveCount(320).And.OnlyContain(valid => valid);
        tokens.TokenA.OpenedSessions.Should().BeInRange(1, 4, "concurrent signatures take sessions of their own, at most the number given at sign-in");
    }

    [TokenFact]
    public async Task SignAsync_AfterTheSessionSignsOut_ThrowsObjectDisposed()
    {
        var label = tokens.NewToken("ff-out");
        var session = tokens.Module.Login(label, TokenOffice.Pin);
        var signer = Pkcs11Provisioning.IssueOfficerKey(session, tokens.Issuing, TokenOffice.Request(TestOffice.Pooja));
        session.Dispose();

        await FluentActions.Awaiting(async () => await signer.SignAsync("x"u8.ToArray(), DateTimeOffset.UnixEpoch)).Should().ThrowAsync<ObjectDisposedException>();

        using var again = tokens.Module.Login(label, TokenOffice.Pin);
        again.FindSigner(TestOffice.Pooja).KeyId.Should().Be(signer.KeyId, "the key and certificate stay on the token across sign-ins");
    }

    /// <summary>Regression: an r or s below 2^248 (one signature in 128) has a leading zero byte in the token's fixed-width form, which DER forbids.</summary>
    [Fact]
    public void EcdsaDer_RAndSWithLeadingZeroBytes_EncodesMinimalIntegersThatDotNetAccepts()
    {
        var r = new byte[32];
        var s = new byte[32];
        r[1] = 0x01;
        r[31] = 0x7f;
        s[2] = 0xff;
        s[31] = 0x01;

        var der = Pkcs11RawSigner.EcdsaDer([.. r, .. s]);

        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        reader.ReadIntegerBytes().ToArray().Should().Equal(r[1..]);
        reader.ReadIntegerBytes().ToArray().Should().Equal([0x00, .. s[2..]], "a high bit set needs one zero byte to stay positive");
    }

    private static TransitionRecord Record(OfficerId actor, string keyId, DateTimeOffset at, int salt) => new()
    {
        DocumentId = DocumentId.New(),
        Kind = DocumentKind.File,
        Sequence = 3 + salt,
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
        SignerKeyId = keyId,
    };
}
