using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Machines;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

/// <summary>Every permitted transition of the file and receipt machines fires through the engine; every forbidden one is refused with nothing stored.</summary>
public sealed class TransitionTableTests
{
    public static TheoryData<DocumentKind, DocumentState, DocumentTrigger, DocumentState> Permitted()
    {
        var data = new TheoryData<DocumentKind, DocumentState, DocumentTrigger, DocumentState>();
        foreach (var kind in new[] { DocumentKind.File, DocumentKind.Receipt, DocumentKind.DraftForApproval })
        {
            // Escalation and receipt from another instance are made by the system, not fired by officers: their transitions are tested in
            // Services/EscalationTests and Instances/InstanceTransfersTests. Extending an appeal's time needs a service whose act allows it (RTI):
            // Services/RightToInformationTests.
            foreach (var t in DocumentMachine.For(kind).Transitions.Where(t => t.From != DocumentState.None
                && t.Trigger is not (DocumentTrigger.Escalate or DocumentTrigger.ReceiveFromInstance or DocumentTrigger.ExtendAppealTime)))
            {
                data.Add(kind, t.From, t.Trigger, t.To);
            }
        }

        return data;
    }

    public static TheoryData<DocumentKind, DocumentState, DocumentTrigger> Forbidden()
    {
        var data = new TheoryData<DocumentKind, DocumentState, DocumentTrigger>();
        foreach (var kind in new[] { DocumentKind.File, DocumentKind.Receipt, DocumentKind.DraftForApproval })
        {
            var machine = DocumentMachine.For(kind);
            foreach (var state in machine.States.Where(s => s != DocumentState.None))
            {
                foreach (var trigger in Enum.GetValues<DocumentTrigger>().Except(machine.PermittedTriggers(state)))
                {
                    data.Add(kind, state, trigger);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Permitted))]
    public async Task Permitted_transition_lands_signed_and_verifiable(DocumentKind kind, DocumentState from, DocumentTrigger trigger, DocumentState to)
    {
        var office = TestOffice.ForEveryTransition();
        var head = trigger == DocumentTrigger.Receive
            ? await Lifecycle.ReceiptInStateAsync(office, from, physical: true)
            : await Lifecycle.InStateAsync(office, kind, from);
        head.State.Should().Be(from);

        ActionResult result;
        if (trigger is DocumentTrigger.Transfer or DocumentTrigger.Receive)
        {
            // An administrator moves the post's documents; a physical one then awaits receipt by the new holder.
            var target = head.Holder == TestOffice.AccountsOfficer ? TestOffice.AccountsAssistant : TestOffice.AccountsOfficer;
            var moved = (await office.Engine.TransferAsync(TestOffice.Neha, head.Holder, target, "Officer transferred")).Single(t => t.DocumentId == head.Id);
            var movedHead = (await office.Store.GetHeadAsync(head.Id))!;
            result = new ActionResult(moved.Record, movedHead, []);
            if (trigger == DocumentTrigger.Receive)
            {
                movedHead.AwaitingReceipt.Should().BeTrue();
                head = movedHead;
                result = await office.Engine.FireAsync(new DocumentAction(head.Id, DocumentTrigger.Receive, Lifecycle.HolderOf(office, target)));
                result.Head.AwaitingReceipt.Should().BeFalse();
            }
        }
        else if (trigger == DocumentTrigger.PutInFile)
        {
            // A receipt is put in a file by firing AttachReceipt on a file its holder also holds.
            var holder = Lifecycle.HolderOf(office, head.Holder);
            var file = await office.Engine.OpenFileAsync(holder, head.Holder, TestOffice.LeaveFile());
            var attach = await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.AttachReceipt, holder) { Receipt = head.Id });
            result = attach with { Record = attach.Related.Single(), Head = (await office.Store.GetHeadAsync(head.Id))! };
            result.Head.Parent.Should().Be(file.Head.Id);
        }
        else if (kind == DocumentKind.File && trigger is DocumentTrigger.Approve or DocumentTrigger.Reject && from is DocumentState.Draft or DocumentState.Returned or DocumentState.Recalled)
        {
            // Only a file escalated to the appellate officer is decided where it lies: acknowledge it, let its time pass, escalate, decide.
            await office.Engine.FireAsync(new DocumentAction(head.Id, DocumentTrigger.Acknowledge, Lifecycle.HolderOf(office, head.Holder)));
            office.Clock.Advance(TimeSpan.FromDays(11));
            (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle();
            head = (await office.Store.GetHeadAsync(head.Id))!;
            head.State.Should().Be(from);
            head.Holder.Should().Be(TestOffice.JointSecretary);
            result = await office.Engine.FireAsync(await Lifecycle.ActionForAsync(office, head, trigger));
        }
        else
        {
            result = await office.Engine.FireAsync(await Lifecycle.ActionForAsync(office, head, trigger));
        }

        result.Head.State.Should().Be(to);
        result.Record.Record.From.Should().Be(from);
        result.Record.Record.To.Should().Be(to);
        result.Record.Record.Sequence.Should().Be(head.Sequence + 1);
        result.Record.Record.PreviousHash.Should().Be(head.LastHash);
        (await office.Store.GetHeadAsync(head.Id)).Should().Be(result.Head);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.Failures.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task Forbidden_transition_is_refused_with_the_permitted_triggers_and_nothing_stored(DocumentKind kind, DocumentState state, DocumentTrigger trigger)
    {
        var office = TestOffice.ForEveryTransition();
        var head = await Lifecycle.InStateAsync(office, kind, state);
        var store = (InMemoryDocumentStore)office.Store;
        var before = store.Count;

        var act = async () => await office.Engine.FireAsync(new DocumentAction(head.Id, trigger, Lifecycle.HolderOf(office, head.Holder)) { Recipient = TestOffice.JointSecretary, Reason = "x" });
        if (state == DocumentState.TransferredOut)
        {
            // Sent to another instance: read-only here, whatever is tried.
            (await act.Should().ThrowAsync<DocumentTransferredOutException>()).Which.Trigger.Should().Be(trigger);
            store.Count.Should().Be(before);
            return;
        }

        var error = (await act.Should().ThrowAsync<TransitionNotPermittedException>()).Which;
        error.State.Should().Be(state);
        error.Trigger.Should().Be(trigger);
        error.DocumentId.Should().Be(head.Id);
        error.PermittedTriggers.Should().Equal(DocumentMachine.For(kind).PermittedTriggers(state));
        error.Message.Should().Contain(state.ToString()).And.Contain(trigger.ToString());
        store.Count.Should().Be(before);
        (await office.Store.GetHeadAsync(head.Id)).Should().Be(head);
    }
}
