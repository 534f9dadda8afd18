using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

/// <summary>Drives a document of any kind into any state its machine has, and picks a valid way to fire any trigger on it.</summary>
internal static class Lifecycle
{
    public static async Task<DocumentHead> ReceiptInStateAsync(TestOffice office, DocumentState state)
    {
        var receipt = (await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication())).Head;
        office.Tick();
        switch (state)
        {
            case DocumentState.Draft:
                return receipt;
            case DocumentState.Forwarded:
                return await office.FireAsync(receipt.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
            case DocumentState.Returned:
                await office.FireAsync(receipt.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
                return await office.FireAsync(receipt.Id, DocumentTrigger.Return, TestOffice.Sunita);
            case DocumentState.Recalled:
                await office.FireAsync(receipt.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
                return await office.FireAsync(receipt.Id, DocumentTrigger.Recall, TestOffice.Ramesh);
            case DocumentState.Approved:
                await office.FireAsync(receipt.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
                return await office.FireAsync(receipt.Id, DocumentTrigger.Approve, TestOffice.Sunita);
            case DocumentState.Rejected:
                await office.FireAsync(receipt.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
                return await office.FireAsync(receipt.Id, DocumentTrigger.Reject, TestOffice.Sunita, reason: "Not an establishment matter");
            case DocumentState.Attached:
                var file = await office.OpenFileAsync();
                await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Id });
                office.Tick();
                return (await office.Store.GetHeadAsync(receipt.Id))!;
            case DocumentState.Closed:
                return await office.FireAsync(receipt.Id, DocumentTrigger.Close, TestOffice.Ramesh);
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "A receipt is never in this state.");
        }
    }

    public static Task<DocumentHead> InStateAsync(TestOffice office, DocumentKind kind, DocumentState state) => kind switch
    {
        DocumentKind.File => office.FileInStateAsync(state),
        DocumentKind.Receipt => ReceiptInStateAsync(office, state),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>An officer holding <paramref name="post"/> now.</summary>
    public static OfficerId HolderOf(TestOffice office, PostId post) => office.Chart.HoldersOf(post, office.Clock.GetUtcNow()).First();

    /// <summary>A valid action firing <paramref name="trigger"/> on the document, by the right officer with the right arguments.</summary>
    public static async Task<DocumentAction> ActionForAsync(TestOffice office, DocumentHead head, DocumentTrigger trigger)
    {
        var actor = trigger == DocumentTrigger.Recall ? HolderOf(office, head.LastActingAs) : HolderOf(office, head.Holder);
        var action = new DocumentAction(head.Id, trigger, actor);
        switch (trigger)
        {
            case DocumentTrigger.Forward:
                return action with { Recipient = head.Holder == TestOffice.UnderSecretary ? TestOffice.JointSecretary : TestOffice.UnderSecretary };
            case DocumentTrigger.Reject or DocumentTrigger.ReturnToApplicant:
                return action with { Reason = "Not admissible under the rules" };
            case DocumentTrigger.AttachReceipt:
                var receipt = await office.Engine.DiariseReceiptAsync(actor, head.Holder, TestOffice.LeaveApplication());
                return action with { Receipt = receipt.Head.Id };
            case DocumentTrigger.Edit:
                return action with { Paragraphs = NotingContent.Number("Revised: leave is admissible.") };
            default:
                return action;
        }
    }
}
