using System.Collections.Immutable;
using FileFlow.Audit;
using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;
using FileFlow.StoreContract;
using FileFlow.Tests.Audit.Copies;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Engine;

/// <summary>Withholding a part of a file from certified copies: a signed record by the public information officer, through the one pipeline and policy, replayed by verification.</summary>
public sealed class WithholdingTests : IAsyncLifetime
{
    private CertifiedCopyScenario scenario = null!;

    private TestOffice Office => scenario.Office;

    public async Task InitializeAsync() => scenario = await CertifiedCopyScenario.CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Withhold_ByThePio_SignsARecordNamingThePartTheClauseAndTheReason_AndLeavesTheFileAsItWas()
    {
        var before = await Office.Engine.GetUncheckedAsync(scenario.File);

        var result = await Office.Engine.FireAsync(new DocumentAction(scenario.File, DocumentTrigger.Withhold, CertifiedCopyScenario.Priya)
        {
            Withholding = new Withholding(scenario.FirstNoting, RtiExemption.Parse("8(1)(j)")) { Paragraph = 2 },
            Reason = "personal information of a third party",
        });

        var record = result.Record.Record;
        record.Trigger.Should().Be(DocumentTrigger.Withhold);
        record.ActingAs.Should().Be(CertifiedCopyScenario.Pio);
        record.Capacity.Should().Be(ActingCapacity.Holder);
        record.Attribute(RecordAttributes.Withheld).Should().Be(scenario.FirstNoting.ToString());
        record.Attribute(RecordAttributes.WithheldParagraph).Should().Be("2");
        record.Attribute(RecordAttributes.RtiSection).Should().Be("8(1)(j)");
        record.Attribute(RecordAttributes.Reason).Should().Be("personal information of a third party");
        result.Head.State.Should().Be(before.State);
        result.Head.Holder.Should().Be(before.Holder);
        (await new StoreVerifier(new CertificateSignatureVerifier(Trust()), Office.Chart).VerifyAllAsync(Office.Store)).Failures.Should().BeEmpty();
    }

    [Theory]
    [InlineData("8(1)(k)")]
    [InlineData("8(2)")]
    [InlineData("8(1)(J)")]
    [InlineData("9")]
    [InlineData("")]
    public void RtiExemption_OutsideTheTenClauses_IsATypedError(string text)
    {
        var parse = () => RtiExemption.Parse(text);

        parse.Should().Throw<UnknownRtiSectionException>().Which.Text.Should().Be(text);
        RtiExemption.All.Select(e => e.ToString()).Should().Equal("8(1)(a)", "8(1)(b)", "8(1)(c)", "8(1)(d)", "8(1)(e)", "8(1)(f)", "8(1)(g)", "8(1)(h)", "8(1)(i)", "8(1)(j)");
    }

    [Fact]
    public async Task Withhold_WithoutAClause_IsATypedError_AndNothingIsStored()
    {
        var count = await RecordsAsync();

        var act = async () => await Office.Engine.FireAsync(new DocumentAction(scenario.File, DocumentTrigger.Withhold, CertifiedCopyScenario.Priya)
        {
            Withholding = new Withholding(scenario.Letter, default),
            Reason = "no clause",
        });

        await act.Should().ThrowAsync<UnknownRtiSectionException>();
        (await RecordsAsync()).Should().Be(count);
    }

    [Fact]
    public async Task Withhold_ADocumentOfAnotherFile_IsRefusedNamingIt_AndNothingIsStored()
    {
        var count = await RecordsAsync();

        var act = async () => await Office.Engine.FireAsync(new DocumentAction(scenario.File, DocumentTrigger.Withhold, CertifiedCopyScenario.Priya)
        {
            Withholding = new Withholding(scenario.UnrelatedNoting, RtiExemption.Parse("8(1)(j)")),
            Reason = "personal information",
        });

        (await act.Should().ThrowAsync<InvalidActionException>()).Which.Problem.Should().Contain(scenario.UnrelatedNoting.ToString());
        (await RecordsAsync()).Should().Be(count);
    }

    [Fact]
    public async Task Withhold_AParagraphTheNotingDoesNotHave_IsRefused_AndNothingIsStored()
    {
        var count = await RecordsAsync();

        var act = async () => await Office.Engine.FireAsync(new DocumentAction(scenario.File, DocumentTrigger.Withhold, CertifiedCopyScenario.Priya)
        {
            Withholding = new Withholding(scenario.FirstNoting, RtiExemption.Parse("8(1)(j)")) { Paragraph = 4 },
            Reason = "personal information",
        });

        (await act.Should().ThrowAsync<InvalidActionException>()).Which.Problem.Should().Contain("paragraphs 1 to 3");
        (await RecordsAsync()).Should().Be(count);
    }

    [Fact]
    public async Task Withhold_ByAnOfficerWhoIsNotThePio_IsATypedError_AndNothingIsStored()
    {
        var count = await RecordsAsync();

        var act = async () => await Office.Engine.FireAsync(new DocumentAction(scenario.File, DocumentTrigger.Withhold, TestOffice.Meera)
        {
            Withholding = new Withholding(scenario.Letter, RtiExemption.Parse("8(1)(g)")),
            Reason = "source",
        });

        var error = (await act.Should().ThrowAsync<NotPublicInformationOfficerException>()).Which;
        error.Officer.Should().Be(TestOffice.Meera);
        error.Post.Should().Be(CertifiedCopyScenario.Pio);
        (await RecordsAsync()).Should().Be(count);
    }

    [Fact]
    public async Task Withhold_WithoutAReason_IsRefused_AndNothingIsStored()
    {
        var count = await RecordsAsync();

        var act = async () => await Office.Engine.FireAsync(new DocumentAction(scenario.File, DocumentTrigger.Withhold, CertifiedCopyScenario.Priya)
        {
            Withholding = new Withholding(scenario.Letter, RtiExemption.Parse("8(1)(g)")),
        });

        await act.Should().ThrowAsync<InvalidActionException>();
        (await RecordsAsync()).Should().Be(count);
    }

    [Fact]
    public async Task AWithholdingForgedByAnOfficerWhoIsNotThePio_FailsStoreVerification_NamingTheRecord()
    {
        var head = await Office.Engine.GetUncheckedAsync(scenario.File);
        var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            [RecordAttributes.Withheld] = scenario.Letter.ToString(),
            [RecordAttributes.RtiSection] = "8(1)(g)",
            [RecordAttributes.Reason] = "forged",
        });
        // Signed with the holder's real key and appended past the engine: the under secretary is not the public information officer.
        var forged = new RecordDraft(DocumentKind.File, DocumentTrigger.Withhold, head.State, TestOffice.Arvind, TestOffice.UnderSecretary, ActingCapacity.Holder,
            head.Holder, Guid.NewGuid(), Office.Clock.GetUtcNow(), attributes) { Before = head };
        var append = await forged.SignAsync(Office.Signers.GetSigner(TestOffice.Arvind), CancellationToken.None);
        await Office.Store.AppendAsync([append]);

        var failure = (await new StoreVerifier(new CertificateSignatureVerifier(Trust()), Office.Chart).VerifyAllAsync(Office.Store)).Failures.Should().ContainSingle().Subject;

        failure.DocumentId.Should().Be(scenario.File);
        failure.Sequence.Should().Be(append.Record.Sequence);
        failure.Kind.Should().Be(VerificationFailureKind.Unauthorised);
        failure.Reason.Should().Contain("public information officer");
    }

    [Fact]
    public async Task AWithholdingForgedWithAClauseOutsideTheAct_FailsStoreVerification()
    {
        var head = await Office.Engine.GetUncheckedAsync(scenario.File);
        var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            [RecordAttributes.Withheld] = scenario.Letter.ToString(),
            [RecordAttributes.RtiSection] = "8(1)(z)",
            [RecordAttributes.Reason] = "no such clause",
        });
        var forged = new RecordDraft(DocumentKind.File, DocumentTrigger.Withhold, head.State, CertifiedCopyScenario.Priya, CertifiedCopyScenario.Pio, ActingCapacity.Holder,
            head.Holder, Guid.NewGuid(), Office.Clock.GetUtcNow(), attributes) { Before = head };
        await Office.Store.AppendAsync([await forged.SignAsync(Office.Signers.GetSigner(CertifiedCopyScenario.Priya), CancellationToken.None)]);

        var failure = (await new StoreVerifier(new CertificateSignatureVerifier(Trust()), Office.Chart).VerifyAllAsync(Office.Store)).Failures.Should().ContainSingle().Subject;

        failure.Kind.Should().Be(VerificationFailureKind.Unauthorised);
        failure.Reason.Should().Contain("section 8(1)");
    }

    private static CertificateTrustOptions Trust()
    {
        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(DevPki.Root.Root);
        return trust;
    }

    private async Task<long> RecordsAsync() => (await Office.Engine.GetUncheckedAsync(scenario.File)).Sequence;
}
