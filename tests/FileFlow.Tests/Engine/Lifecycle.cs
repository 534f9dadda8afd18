using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

/// <summary>Drives a document of any kind into any state its machine has, and picks a valid way to fire any trigger on it.</summary>
internal static class Lifecycle
{
    public static async Task<DocumentHead> ReceiptInStateAsync(TestOffice office, DocumentState state, bool physical = false)
    {
        var receipt = (await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication(physical ? ReceiptMedium.Physical : ReceiptMedium.Electronic))).Head;
        office.Tick();
        if (physical)
        {
            // A physical receipt must be marked received by each recipient before anything else is done with it.
            return await PhysicalReceiptInStateAsync(office, receipt, state);
        }

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

    private static async Task<DocumentHead> PhysicalReceiptInStateAsync(TestOffice office, DocumentHead receipt, DocumentState state)
    {
        async Task<DocumentHead> Step(DocumentTrigger trigger, OfficerId actor, PostId? to = null)
        {
            var head = await office.FireAsync(receipt.Id, trigger, actor, to);
            return head.AwaitingReceipt ? await office.FireAsync(receipt.Id, DocumentTrigger.Receive, HolderOf(office, head.Holder)) : head;
        }

        switch (state)
        {
            case DocumentState.Draft:
                return receipt;
            case DocumentState.Forwarded:
                return await Step(DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
            case DocumentState.Returned:
                await Step(DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
                return await Step(DocumentTrigger.Return, TestOffice.Sunita);
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "Physical receipts are driven to Draft, Forwarded and Returned here.");
        }
    }

    public static Task<DocumentHead> InStateAsync(TestOffice office, DocumentKind kind, DocumentState state) => kind switch
    {
        DocumentKind.File => office.FileInStateAsync(state),
        DocumentKind.Receipt => ReceiptInStateAsync(office, state),
        DocumentKind.DraftForApproval => DraftInStateAsync(office, state),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static async Task<DocumentHead> DraftInStateAsync(TestOffice office, DocumentState state)
    {
        async Task<DocumentHead> IssueAsync()
        {
            var approved = await DraftInStateAsync(office, DocumentState.Approved);
            return (await office.Engine.FireAsync(new DocumentAction(approved.Id, DocumentTrigger.Issue, TestOffice.Ramesh) { Recipient = TestOffice.AccountsOfficer })).Head;
        }

        async Task<DocumentHead> DispatchAsync()
        {
            var approved = await DraftInStateAsync(office, DocumentState.Approved);
            return (await office.Engine.FireAsync(new DocumentAction(approved.Id, DocumentTrigger.Dispatch, TestOffice.Ramesh) { Addressee = "Accountant General" })).Head;
        }

        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
        var draft = (await office.Engine.DraftForApprovalAsync(TestOffice.Ramesh, file.Head.Id, "Sanction of medical leave", NotingContent.Number("Sanction is accorded to 10 days' medical leave."))).Head;
        return state switch
        {
            DocumentState.Draft => draft,
            DocumentState.Approved => await office.FireAsync(draft.Id, DocumentTrigger.Approve, TestOffice.Ramesh),
            DocumentState.Discarded => await office.FireAsync(draft.Id, DocumentTrigger.Discard, TestOffice.Ramesh),
            DocumentState.Issued => await IssueAsync(),
            DocumentState.Dispatched => await DispatchAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Drafts are driven to Draft and Approved here."),
        };
    }

    /// <summary>An officer holding <paramref name="post"/> now.</summary>
    public static OfficerId HolderOf(TestOffice office, PostId post) => office.Chart.HoldersOf(post, office.Clock.GetUtcNow()).First();

    /// <summary>A noting of the file to withhold: the first it has, or one its holder signs now (appended as written earlier, since a parked or closed file takes no new noting).</summary>
    private static async Task<DocumentId> PartOfAsync(TestOffice office, DocumentHead file)
    {
        await foreach (var child in office.Store.QueryAllAsync(new DocumentQuery { Parent = file.Id, Kind = DocumentKind.Noting }))
        {
            return child.Id;
        }

        var actor = HolderOf(office, file.Holder);
        var id = Guid.NewGuid();
        var attributes = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(RecordAttributes.Parent, file.Id.ToString())]);
        var noting = new RecordDraft(DocumentKind.Noting, DocumentTrigger.Create, DocumentState.Draft, actor, file.Holder, ActingCapacity.Holder, file.Holder, id, office.Clock.GetUtcNow(), attributes)
        {
            NewId = DocumentId.ForAction(id, "created"),
            Content = NotingContent.Encode(NotingContent.Number("The applicant's medical history is on record.")),
        };
        var append = await noting.SignAsync(office.Signers.GetSigner(actor), CancellationToken.None);
        await office.Store.AppendAsync([append]);
        return append.Record.DocumentId;
    }

    /// <summary>A valid action firing <paramref name="trigger"/> on the document, by the right officer with the right arguments.</summary>
    public static async Task<DocumentAction> ActionForAsync(TestOffice office, DocumentHead head, DocumentTrigger trigger)
    {
        var actor = trigger switch
        {
            DocumentTrigger.Recall => HolderOf(office, head.LastActingAs),
            DocumentTrigger.Appeal => TestOffice.Karan,
            DocumentTrigger.SecondAppeal when head.AppealLevel == 1 && head.State == DocumentState.Rejected => TestOffice.Karan,
            DocumentTrigger.SecondAppeal => TestOffice.Rajiv,   // on the authority's own motion
            DocumentTrigger.Close when head.Kind == DocumentKind.File && head.Holder != head.CreatedBy => TestOffice.Neha,
            DocumentTrigger.Withhold => TestOffice.Priya,
            _ when head.Kind == DocumentKind.DraftForApproval => HolderOf(office, (await office.Engine.GetUncheckedAsync(head.Parent!.Value)).Holder),
            _ => HolderOf(office, head.Holder),
        };
        var action = new DocumentAction(head.Id, trigger, actor);
        switch (trigger)
        {
            case DocumentTrigger.Forward:
                return action with { Recipient = head.Holder == TestOffice.UnderSecretary ? TestOffice.JointSecretary : TestOffice.UnderSecretary };
            case DocumentTrigger.Reject or DocumentTrigger.ReturnToApplicant or DocumentTrigger.AllowAppeal or DocumentTrigger.DismissAppeal:
                return action with { Reason = "Not admissible under the rules" };
            case DocumentTrigger.Issue:
                return action with { Recipient = TestOffice.AccountsOfficer };
            case DocumentTrigger.Refer:
                return action with { CopyTo = [TestOffice.AccountsOfficer], ReplyBy = office.Clock.GetUtcNow().AddDays(7), Reason = "Is the leave admissible under the rules?" };
            case DocumentTrigger.SendToInstance:
                return action with { ToInstance = TestOffice.OtherInstance, Recipient = TestOffice.SectionOfficer };
            case DocumentTrigger.Dispatch:
                return action with { Addressee = "The Accountant General (A&E), Uttar Pradesh, Prayagraj" };
            case DocumentTrigger.AttachReceipt:
                var receipt = await office.Engine.DiariseReceiptAsync(actor, head.Holder, TestOffice.LeaveApplication());
                return action with { Receipt = receipt.Head.Id };
            case DocumentTrigger.Edit:
                return action with { Paragraphs = NotingContent.Number("Revised: leave is admissible.") };
            case DocumentTrigger.Withhold:
                return action with { Withholding = new Withholding(await PartOfAsync(office, head), RtiExemption.Parse("8(1)(j)")), Reason = "personal information" };
            default:
                return action;
        }
    }
}
