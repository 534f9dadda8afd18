using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

public sealed class CmsEndToEndTests
{
    /// <summary>Replaces every officer's software key in a <see cref="TestOffice"/> with a CMS signer over a development-CA certificate.</summary>
    private static TestOffice CmsOffice()
    {
        var office = TestOffice.Create();
        foreach (var officer in office.Chart.Officers)
        {
            office.Signers.Register(officer.Id, DevPki.For(officer.Id).CreateSigner());
        }

        return office;
    }

    private static async Task WalkFileAsync(TestOffice office)
    {
        var file = await office.OpenFileAsync();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        await office.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Arvind);
    }

    [Fact]
    public async Task Engine_SignsWithCms_StoreVerifierWithCertificatesAcceptsTheWholeStore()
    {
        var office = CmsOffice();
        await WalkFileAsync(office);
        await WalkFileAsync(office);

        var records = new List<SignedRecord>();
        await foreach (var stored in office.Store.ReadAllAsync())
        {
            records.Add(stored);
        }

        records.Should().HaveCount(8);
        records.Should().OnlyContain(r => r.Signature.Algorithm == CmsSigner.AlgorithmName);
        records.Select(r => r.Record.SignerKeyId).Should().Contain(DevPki.For(TestOffice.Sunita).KeyId);

        var report = await new StoreVerifier(DevPki.Verifier(), office.Chart).VerifyAllAsync(office.Store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        report.Records.Should().Be(8);
    }

    [Fact]
    public async Task StoreVerifier_TamperedCmsSignature_ReportsBadSignatureForThatRecord()
    {
        var office = CmsOffice();
        await WalkFileAsync(office);
        var tampered = new InMemoryDocumentStore();
        DocumentHead? head = null;
        await foreach (var stored in office.Store.ReadAllAsync())
        {
            var signature = stored.Signature;
            if (stored.Sequence == 2)
            {
                var value = (byte[])signature.Value.Clone();
                value[^10] ^= 0x01;
                signature = signature with { Value = value };
            }

            var copy = new SignedRecord(stored.Record, stored.CanonicalBytes, signature, stored.Content);
            head = DocumentProjection.Apply(head, stored.Record, copy.Hash);
            await tampered.AppendAsync([new RecordAppend(copy, head)]);
        }

        var report = await new StoreVerifier(DevPki.Verifier(), office.Chart).VerifyAllAsync(tampered);

        report.IsValid.Should().BeFalse();
        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f => f.Sequence == 2 && f.Kind == VerificationFailureKind.BadSignature);
        report.Failures[0].Reason.Should().Contain(nameof(SignatureFailure.Invalid));
        FluentActions.Invoking(report.ThrowIfInvalid).Should().Throw<SignatureVerificationException>();
    }

    [Fact]
    public async Task StoreVerifier_WithoutTheRootAsAnchor_ReportsUntrusted()
    {
        var office = CmsOffice();
        await WalkFileAsync(office);
        var options = new CertificateTrustOptions();
        options.TrustAnchors.Add(DevelopmentCertificateAuthority.CreateRoot("Some Other Root", DevPki.RootFrom, DevPki.RootUntil).Root);

        var report = await new StoreVerifier(new CertificateSignatureVerifier(options), office.Chart).VerifyAllAsync(office.Store);

        report.Failures.Should().ContainSingle().Which.Reason.Should().Contain(nameof(SignatureFailure.Untrusted));
    }
}
