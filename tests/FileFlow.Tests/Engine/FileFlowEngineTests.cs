using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Routing;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

public sealed class FileFlowEngineTests
{
    private static long Count(TestOffice office) => ((InMemoryDocumentStore)office.Store).Count;

    [Fact]
    public async Task OpenFile_allocates_serial_file_numbers_and_signs_the_creation()
    {
        var office = TestOffice.Create();
        var first = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
        var second = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());

        first.Head.Reference.Should().Be("HEALTH/EST/LEAVE/1/2026");
        second.Head.Reference.Should().Be("HEALTH/EST/LEAVE/2/2026");
        first.Head.State.Should().Be(DocumentState.Draft);
        first.Head.Holder.Should().Be(TestOffice.DealingAssistant);
        first.Record.Record.Trigger.Should().Be(DocumentTrigger.Create);
        first.Record.Record.PreviousHash.Should().Be(Hash256.Zero);
        first.Record.Record.OccurredAt.Should().Be(TestOffice.Start);
        office.Keys.Verify(first.Record.Record, first.Record.CanonicalBytes.Span, first.Record.Signature).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Service_inputs_are_signed_into_the_creation_record()
    {
        var office = TestOffice.Create();
        var file = new NewFile("HEALTH", "EST", "GPF", "GPF advance for daughter's marriage")
        {
            ServiceId = "gpf",
            Inputs = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["amount"] = "150000", ["purpose"] = "marriage" }),
        };
        var result = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, file);

        result.Head.ServiceId.Should().Be("gpf");
        result.Record.Record.Attribute("input.amount").Should().Be("150000");
        result.Record.Record.Attribute("input.purpose").Should().Be("marriage");
    }

    [Fact]
    public async Task Only_the_holder_may_act_and_others_get_NotCurrentHolder_with_nothing_stored()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var before = Count(office);

        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Approve, TestOffice.Karan));

        var error = (await act.Should().ThrowAsync<NotCurrentHolderException>()).Which;
        error.Actor.Should().Be(TestOffice.Karan);
        error.Holder.Should().Be(TestOffice.SectionOfficer);
        Count(office).Should().Be(before);
    }

    [Fact]
    public async Task The_sender_may_not_act_once_the_file_has_moved_on()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Approve, TestOffice.Ramesh));
        await act.Should().ThrowAsync<NotCurrentHolderException>();
    }

    [Fact]
    public async Task Unknown_officer_or_recipient_gets_a_typed_error_and_nothing_stored()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var before = Count(office);

        var stranger = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Park, new OfficerId("nobody")));
        (await stranger.Should().ThrowAsync<UnknownOfficerException>()).Which.Officer.Value.Should().Be("nobody");
        var nowhere = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = new PostId("EST-XX") });
        (await nowhere.Should().ThrowAsync<UnknownPostException>()).Which.Post.Value.Should().Be("EST-XX");
        var noOne = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh));
        await noOne.Should().ThrowAsync<RoutingException>().WithMessage("*recipient*");
        Count(office).Should().Be(before);
    }

    [Fact]
    public async Task Acting_on_a_document_that_does_not_exist_is_DocumentNotFound()
    {
        var office = TestOffice.Create();
        var id = DocumentId.New();
        var act = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        (await act.Should().ThrowAsync<DocumentNotFoundException>()).Which.DocumentId.Should().Be(id);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_the_reason_is_signed()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var before = Count(office);

        var bare = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Reject, TestOffice.Sunita));
        (await bare.Should().ThrowAsync<InvalidActionException>()).Which.Problem.Should().Contain("reason");
        Count(office).Should().Be(before);

        var rejected = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Reject, TestOffice.Sunita) { Reason = "Leave account has no balance" });
        rejected.Record.Record.Attribute(RecordAttributes.Reason).Should().Be("Leave account has no balance");
    }

    [Fact]
    public async Task Return_goes_back_to_the_sender_by_default_even_after_approval()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var up = await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        var approved = await office.FireAsync(up.Id, DocumentTrigger.Approve, TestOffice.Arvind);
        var down = await office.FireAsync(approved.Id, DocumentTrigger.Return, TestOffice.Arvind);

        down.State.Should().Be(DocumentState.Approved);
        down.Holder.Should().Be(TestOffice.SectionOfficer);
    }

    [Fact]
    public async Task Recall_is_allowed_before_the_recipient_acts_and_refused_after()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var recalled = await office.FireAsync(file.Id, DocumentTrigger.Recall, TestOffice.Ramesh);
        recalled.State.Should().Be(DocumentState.Recalled);
        recalled.Holder.Should().Be(TestOffice.DealingAssistant);

        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        var before = Count(office);
        var late = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Recall, TestOffice.Ramesh));
        (await late.Should().ThrowAsync<PullBackRefusedException>()).Which.Message.Should().Contain("sender");
        Count(office).Should().Be(before);
    }

    [Fact]
    public async Task Only_the_sender_may_recall()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Recall, TestOffice.Arvind));
        (await act.Should().ThrowAsync<PullBackRefusedException>()).Which.Message.Should().Contain("EST-DA");
    }

    [Fact]
    public async Task A_delegate_acts_for_a_post_whose_holder_is_on_leave_and_the_record_verifies()
    {
        var leaveStart = TestOffice.Start.AddDays(1);
        var office = TestOffice.Create(extend: b => b.Delegate(TestOffice.SectionOfficer, TestOffice.AccountsOfficer, leaveStart, leaveStart.AddDays(10)));
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        office.Clock.SetUtcNow(leaveStart.AddHours(2));

        // Sunita is on leave: Pooja (holding the delegate post) acts for the section officer's post.
        var byDelegate = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Pooja) { Recipient = TestOffice.UnderSecretary });
        byDelegate.Record.Record.Capacity.Should().Be(ActingCapacity.Delegate);
        byDelegate.Record.Record.ActingAs.Should().Be(TestOffice.SectionOfficer);

        // A new file forwarded to the section officer while she is away stays with her post and reaches Pooja's inbox.
        var second = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
        var sent = await office.Engine.FireAsync(new DocumentAction(second.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        sent.Head.Holder.Should().Be(TestOffice.SectionOfficer);
        (await office.Engine.InboxAsync(TestOffice.Pooja, new DocumentQuery())).Items.Select(h => h.Id).Should().Contain(second.Head.Id);

        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Retrying_an_action_with_the_same_id_never_applies_it_twice()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var action = new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary };

        var first = await office.Engine.FireAsync(action);
        var retry = await office.Engine.FireAsync(action);

        retry.Replayed.Should().BeTrue();
        retry.Record.CanonicalBytes.ToArray().Should().Equal(first.Record.CanonicalBytes.ToArray());
        (await office.Store.GetHeadAsync(file.Id))!.Sequence.Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_action_apply_once_and_all_return_the_same_record()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var action = new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary };

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => office.Engine.FireAsync(action))));

        results.Select(r => r.Record.Hash).Distinct().Should().ContainSingle();
        (await office.Store.GetHeadAsync(file.Id))!.Sequence.Should().Be(2);
    }

    [Fact]
    public async Task An_officer_without_a_signer_cannot_act_and_nothing_is_stored()
    {
        var office = TestOffice.Create();
        var engine = new FileFlowEngine(office.Store, new SignerRegistry(), office.Chart, new FileFlowEngineOptions { TimeProvider = office.Clock });
        var act = async () => await engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
        (await act.Should().ThrowAsync<SignerNotFoundException>()).Which.Officer.Should().Be(TestOffice.Ramesh);
        Count(office).Should().Be(0);
    }

    [Fact]
    public async Task A_failing_signer_fails_the_action_and_stores_nothing()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        office.Signers.Register(TestOffice.Ramesh, new FailingSigner());
        var before = Count(office);

        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("token removed");
        Count(office).Should().Be(before);
        (await office.Store.GetHeadAsync(file.Id)).Should().Be(file);
    }

    [Fact]
    public async Task Reserved_attributes_cannot_be_forged_by_callers()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Park, TestOffice.Ramesh)
        {
            Attributes = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add(RecordAttributes.FileNumber, "FAKE/1"),
        });
        (await act.Should().ThrowAsync<InvalidActionException>()).Which.Problem.Should().Contain("fileNumber");
    }

    [Fact]
    public async Task Actions_without_content_sign_no_content_hash()
    {
        // Regression: a conditional between a byte array and null once turned "no content" into an empty, non-null content.
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        await foreach (var r in office.Store.ReadStreamAsync(file.Id))
        {
            r.Record.ContentHash.Should().BeNull();
            r.Content.Should().BeNull();
        }
    }

    [Fact]
    public async Task Time_comes_from_the_TimeProvider()
    {
        var office = TestOffice.Create();
        office.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero));
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
        file.Record.Record.OccurredAt.Should().Be(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero));
        file.Head.Reference.Should().EndWith("/2027");
    }

    [Fact]
    public async Task Replaying_the_stream_gives_the_stored_head()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Approved);
        DocumentHead? replayed = null;
        await foreach (var r in office.Engine.HistoryUncheckedAsync(file.Id))
        {
            replayed = DocumentProjection.Apply(replayed, r.Record, r.Hash);
        }

        replayed.Should().Be(await office.Engine.GetUncheckedAsync(file.Id));
    }

    private sealed class FailingSigner : ISigner
    {
        public string KeyId => "broken-token";

        public ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("token removed");
    }
}
