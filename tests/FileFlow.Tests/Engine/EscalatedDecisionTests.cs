using System.Collections.Immutable;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

/// <summary>Regression: a service file escalated while still a draft (or returned, or recalled) reached the appellate officer, who could not decide it without first moving it (Approve and Reject were permitted only from Forwarded).</summary>
public sealed class EscalatedDecisionTests
{
    private static readonly ImmutableSortedDictionary<string, string> Salary = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
    {
        ["payMonth"] = "2026-03", ["grossAmount"] = "56000",
    });

    private static async Task<(TestOffice Office, DocumentId File)> OverdueDraftAsync()
    {
        var office = TestOffice.WithServices();
        var open = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "PAY", "Salary for March") { ServiceId = "salary", Inputs = Salary });
        office.Clock.Advance(TimeSpan.FromDays(8));
        return (office, open.Head.Id);
    }

    [Fact]
    public async Task A_draft_escalated_to_the_first_appellate_officer_is_approved_by_that_officer_where_it_lies()
    {
        var (office, id) = await OverdueDraftAsync();
        var escalated = (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle().Which;
        escalated.Head.State.Should().Be(DocumentState.Draft);
        escalated.Head.Holder.Should().Be(TestOffice.JointSecretary);

        var approved = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Approve, TestOffice.Meera));
        approved.Head.State.Should().Be(DocumentState.Approved);
        approved.Record.Record.From.Should().Be(DocumentState.Draft);
        (await office.Engine.AssessPenaltyAsync(id))!.DeliveredAt.Should().Be(approved.Record.Record.OccurredAt);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_draft_escalated_twice_is_rejected_by_the_second_appellate_authority_with_the_appeal_information()
    {
        var (office, id) = await OverdueDraftAsync();
        await office.Engine.EscalateOverdueAsync();
        office.Clock.Advance(TimeSpan.FromDays(31));
        (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle().Which.Head.Holder.Should().Be(TestOffice.Secretary);

        var noReason = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Reject, TestOffice.Rajiv));
        await noReason.Should().ThrowAsync<InvalidActionException>();
        var rejected = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Reject, TestOffice.Rajiv) { Reason = "Not entitled for the month" });
        rejected.Head.State.Should().Be(DocumentState.Rejected);
        rejected.Record.Record.Attribute(FileFlow.Storage.RecordAttributes.AppealTo).Should().NotBeNull();
        rejected.Record.Record.Attribute(FileFlow.Storage.RecordAttributes.AppealBy).Should().NotBeNull();
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_parked_file_escalated_to_the_appellate_officer_is_reopened_and_decided_by_that_officer()
    {
        var (office, id) = await OverdueDraftAsync();
        await office.FireAsync(id, DocumentTrigger.Park, TestOffice.Ramesh, reason: "Awaiting pay slip");
        (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle().Which.Head.State.Should().Be(DocumentState.Parked);
        (await office.FireAsync(id, DocumentTrigger.Reopen, TestOffice.Meera)).State.Should().Be(DocumentState.Draft);
        (await office.FireAsync(id, DocumentTrigger.Approve, TestOffice.Meera)).State.Should().Be(DocumentState.Approved);
        (await office.Engine.ParkHistoryUncheckedAsync(id)).Should().ContainSingle().Which.EndedBy.Should().Be(TestOffice.Meera);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task PermittedTriggersAsync_lists_a_decision_on_a_draft_only_once_it_is_escalated()
    {
        var (office, id) = await OverdueDraftAsync();
        (await office.Engine.PermittedTriggersAsync(id)).Should().Contain(DocumentTrigger.Forward).And.NotContain([DocumentTrigger.Approve, DocumentTrigger.Reject]);

        await office.Engine.EscalateOverdueAsync();

        (await office.Engine.PermittedTriggersAsync(id)).Should().Contain([DocumentTrigger.Approve, DocumentTrigger.Reject, DocumentTrigger.Forward]);
    }

    [Fact]
    public async Task A_draft_that_was_not_escalated_is_decided_only_once_forwarded_and_nothing_is_stored()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var store = (FileFlow.Storage.InMemoryDocumentStore)office.Store;
        var before = store.Count;
        var approve = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Approve, TestOffice.Ramesh));
        (await approve.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("forward it");
        store.Count.Should().Be(before);

        var returned = await office.FileInStateAsync(DocumentState.Returned);
        var reject = async () => await office.Engine.FireAsync(new DocumentAction(returned.Id, DocumentTrigger.Reject, TestOffice.Ramesh) { Reason = "x" });
        await reject.Should().ThrowAsync<InvalidActionException>();
    }

    [Fact]
    public async Task An_escalated_file_returned_below_the_appellate_officer_is_not_decided_there()
    {
        var office = TestOffice.WithServices();
        var open = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "PAY", "Salary for March") { ServiceId = "salary", Inputs = Salary });
        await office.FireAsync(open.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh);
        office.Clock.Advance(TimeSpan.FromDays(8));
        await office.Engine.EscalateOverdueAsync();
        (await office.FireAsync(open.Head.Id, DocumentTrigger.Return, TestOffice.Meera, TestOffice.SectionOfficer)).State.Should().Be(DocumentState.Returned);

        var bySectionOfficer = async () => await office.Engine.FireAsync(new DocumentAction(open.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita));
        (await bySectionOfficer.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("EST-JS");
    }
}
