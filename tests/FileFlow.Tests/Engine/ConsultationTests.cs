using FileFlow.Audit;
using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

public sealed class ConsultationTests
{
    private readonly TestOffice office = TestOffice.Create();

    [Fact]
    public async Task Referral_RepliesReturnIntoTheFile_WhileTheFileMovesOn_AndTheStoreVerifies()
    {
        var file = await office.OpenFileAsync();
        var refer = await ReferAsync(file.Id, TestOffice.Ramesh, TestOffice.AccountsOfficer, TestOffice.Secretary);
        refer.Head.Holder.Should().Be(TestOffice.DealingAssistant);
        refer.Head.State.Should().Be(DocumentState.Draft);

        // The file's own movement goes on.
        office.Tick();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var reply = await office.Engine.ReplyToReferralAsync(TestOffice.Pooja, file.Id, refer.Record.Sequence, NotingContent.Number("Funds are available under the head 2210."));
        office.Tick();
        await office.Engine.ReplyToReferralAsync(TestOffice.Rajiv, file.Id, refer.Record.Sequence, NotingContent.Number("No objection."));

        var noting = await office.Engine.GetUncheckedAsync(reply.Head.Id);
        noting.Parent.Should().Be(file.Id);
        noting.State.Should().Be(DocumentState.Forwarded, "a reply is frozen into the file at once");
        noting.Holder.Should().Be(TestOffice.SectionOfficer, "it follows the file to whoever holds it");
        reply.Related.Should().ContainSingle().Which.Record.Trigger.Should().Be(DocumentTrigger.Forward);
        var referrals = await office.Engine.ReferralsAsync(file.Id);
        referrals.Select(r => (r.Post, r.IsOutstanding)).Should().Equal((TestOffice.AccountsOfficer, false), (TestOffice.Secretary, false));
        referrals[0].Reply.Should().Be(reply.Head.Id);
        referrals[0].Question.Should().Be("Is the leave admissible under the rules?");
        (await office.Engine.GetUncheckedAsync(file.Id)).Holder.Should().Be(TestOffice.SectionOfficer);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
        (await new StoreVerifier(office.Keys, office.Chart).VerifyDocumentAsync(office.Store, reply.Head.Id)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Pendency_ShowsOutstandingReferrals_UntilAnswered_AndOverdueAfterTheDate()
    {
        var file = await office.OpenFileAsync();
        var refer = await ReferAsync(file.Id, TestOffice.Ramesh, TestOffice.AccountsOfficer, TestOffice.Secretary);

        var outstanding = await office.Engine.OutstandingReferralsAsync(TestOffice.AccountsOfficer).ToListAsync();
        outstanding.Should().ContainSingle().Which.Should().Match<Referral>(r => r.File == file.Id && r.ReferredBy == TestOffice.DealingAssistant);
        outstanding[0].IsOverdue(office.Clock.GetUtcNow()).Should().BeFalse();
        office.Clock.Advance(TimeSpan.FromDays(8));
        outstanding[0].IsOverdue(office.Clock.GetUtcNow()).Should().BeTrue();

        await office.Engine.ReplyToReferralAsync(TestOffice.Pooja, file.Id, refer.Record.Sequence, NotingContent.Number("Late, but here."));
        (await office.Engine.OutstandingReferralsAsync(TestOffice.AccountsOfficer).ToListAsync()).Should().BeEmpty();
        (await office.Engine.OutstandingReferralsAsync(TestOffice.Secretary).ToListAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Replies_ByAPostNotAsked_OrTwice_AreRefused_AndNothingIsStored()
    {
        var file = await office.OpenFileAsync();
        var refer = await ReferAsync(file.Id, TestOffice.Ramesh, TestOffice.AccountsOfficer);
        await office.Engine.ReplyToReferralAsync(TestOffice.Pooja, file.Id, refer.Record.Sequence, NotingContent.Number("Funds are available."));
        var store = (InMemoryDocumentStore)office.Store;
        var before = store.Count;

        var stranger = () => office.Engine.ReplyToReferralAsync(TestOffice.Karan, file.Id, refer.Record.Sequence, NotingContent.Number("Not asked."));
        var twice = () => office.Engine.ReplyToReferralAsync(TestOffice.Pooja, file.Id, refer.Record.Sequence, NotingContent.Number("Again."));
        var notAReferral = () => office.Engine.ReplyToReferralAsync(TestOffice.Pooja, file.Id, 0, NotingContent.Number("To the creation."));

        await stranger.Should().ThrowAsync<NotCurrentHolderException>();
        (await twice.Should().ThrowAsync<InvalidActionException>()).WithMessage("*already answered*");
        (await notAReferral.Should().ThrowAsync<InvalidActionException>()).WithMessage("*not a referral*");
        store.Count.Should().Be(before);
    }

    [Fact]
    public async Task AReferral_WithoutADate_WithAPastDate_ToTheHolder_OrToAVacantPost_IsRefused()
    {
        var file = await office.OpenFileAsync();
        var noDate = new DocumentAction(file.Id, DocumentTrigger.Refer, TestOffice.Ramesh) { CopyTo = [TestOffice.AccountsOfficer], Reason = "Comment?" };
        var past = noDate with { ReplyBy = office.Clock.GetUtcNow().AddDays(-1) };
        var holder = noDate with { CopyTo = [TestOffice.DealingAssistant], ReplyBy = office.Clock.GetUtcNow().AddDays(3) };

        (await FluentActions.Awaiting(() => office.Engine.FireAsync(noDate)).Should().ThrowAsync<InvalidActionException>()).WithMessage("*ReplyBy*");
        (await FluentActions.Awaiting(() => office.Engine.FireAsync(past)).Should().ThrowAsync<InvalidActionException>()).WithMessage("*has passed*");
        (await FluentActions.Awaiting(() => office.Engine.FireAsync(holder)).Should().ThrowAsync<InvalidActionException>()).WithMessage("*holds the file*");

        var vacant = TestOffice.Create(extend: b => b.AddPost(new Post(new PostId("EST-VACANT"), "Vacant post", 2, new OfficeId("HEALTH-DTE")) { Section = "EST" }));
        var other = await vacant.OpenFileAsync();
        var toVacant = new DocumentAction(other.Id, DocumentTrigger.Refer, TestOffice.Ramesh) { CopyTo = [new PostId("EST-VACANT")], Reason = "Comment?", ReplyBy = vacant.Clock.GetUtcNow().AddDays(3) };
        await FluentActions.Awaiting(() => vacant.Engine.FireAsync(toVacant)).Should().ThrowAsync<VacantPostException>();
        (await office.Engine.GetUncheckedAsync(file.Id)).Sequence.Should().Be(0);
    }

    [Fact]
    public async Task AReplyForgedByAPostNotAsked_FailsVerification_NamingTheNoting()
    {
        var file = await office.OpenFileAsync();
        var refer = await ReferAsync(file.Id, TestOffice.Ramesh, TestOffice.AccountsOfficer);

        // Signed with a real key, appended past the engine: the accounts assistant was not asked.
        var actionId = Guid.NewGuid();
        var attributes = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            [RecordAttributes.Parent] = file.Id.ToString(),
            [RecordAttributes.Referral] = refer.Record.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var forged = new RecordDraft(DocumentKind.Noting, DocumentTrigger.Create, DocumentState.Draft, TestOffice.Karan, TestOffice.AccountsAssistant,
            ActingCapacity.Holder, TestOffice.AccountsAssistant, actionId, office.Clock.GetUtcNow(), attributes)
        {
            NewId = DocumentId.ForAction(actionId, "created"),
            Content = NotingContent.Encode(NotingContent.Number("I was not asked.")),
        };
        var append = await forged.SignAsync(office.Signers.GetSigner(TestOffice.Karan), CancellationToken.None);
        await office.Store.AppendAsync([append]);

        var failure = (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().ContainSingle().Subject;
        failure.DocumentId.Should().Be(append.Record.DocumentId);
        failure.Sequence.Should().Be(0);
        failure.Kind.Should().Be(VerificationFailureKind.Unauthorised);
    }

    private Task<ActionResult> ReferAsync(DocumentId file, OfficerId actor, params PostId[] posts) =>
        office.Engine.FireAsync(new DocumentAction(file, DocumentTrigger.Refer, actor)
        {
            CopyTo = [.. posts],
            ReplyBy = office.Clock.GetUtcNow().AddDays(7),
            Reason = "Is the leave admissible under the rules?",
        });
}
