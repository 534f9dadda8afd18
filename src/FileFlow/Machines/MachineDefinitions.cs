using FileFlow.Documents;
using Stateless;
using S = FileFlow.Documents.DocumentState;
using T = FileFlow.Documents.DocumentTrigger;

namespace FileFlow.Machines;

/// <summary>The Stateless configuration of each document kind: the one place the transition tables are written.</summary>
internal static class MachineDefinitions
{
    public static void Configure(DocumentKind kind, StateMachine<S, T> m)
    {
        switch (kind)
        {
            case DocumentKind.File:
                ConfigureFile(m);
                break;
            case DocumentKind.Noting:
                ConfigureNoting(m);
                break;
            case DocumentKind.Receipt:
                ConfigureReceipt(m);
                break;
            case DocumentKind.DraftForApproval:
                ConfigureDraftForApproval(m);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown document kind.");
        }
    }

    // A file: opened as a draft by its creator, moved up and down the hierarchy, decided, closed; receipts are put up in it;
    // a service file's time limit can pass (escalation) and its applicant can appeal. A file is decided once forwarded; from Draft,
    // Returned or Recalled only by the appellate officer it was escalated to, where it lies (the engine checks that).
    private static void ConfigureFile(StateMachine<S, T> m)
    {
        m.Configure(S.None)
            .Permit(T.Create, S.Draft);
        m.Configure(S.Draft)
            .Permit(T.SendToInstance, S.TransferredOut)
            .PermitReentry(T.Refer)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.Park, S.Parked)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.AttachReceipt)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Reject, S.Rejected)
            .PermitReentry(T.Acknowledge)
            .PermitReentry(T.Escalate)
            .PermitReentry(T.Transfer)
            .Permit(T.ReturnToApplicant, S.WithApplicant)
            .Permit(T.Appeal, S.UnderAppeal)
            .Permit(T.SecondAppeal, S.UnderSecondAppeal);
        m.Configure(S.Forwarded)
            .Permit(T.SendToInstance, S.TransferredOut)
            .PermitReentry(T.Refer)
            .PermitReentry(T.Forward)
            .Permit(T.Return, S.Returned)
            .Permit(T.Recall, S.Recalled)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Reject, S.Rejected)
            .Permit(T.Park, S.Parked)
            .PermitReentry(T.Open)
            .PermitReentry(T.AttachReceipt)
            .PermitReentry(T.Acknowledge)
            .PermitReentry(T.Escalate)
            .PermitReentry(T.Transfer)
            .Permit(T.ReturnToApplicant, S.WithApplicant)
            .Permit(T.Appeal, S.UnderAppeal)
            .Permit(T.SecondAppeal, S.UnderSecondAppeal);
        m.Configure(S.Returned)
            .Permit(T.SendToInstance, S.TransferredOut)
            .PermitReentry(T.Refer)
            .Permit(T.Forward, S.Forwarded)
            .PermitReentry(T.Return)
            .Permit(T.Recall, S.Recalled)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Reject, S.Rejected)
            .Permit(T.Park, S.Parked)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Open)
            .PermitReentry(T.AttachReceipt)
            .PermitReentry(T.Acknowledge)
            .PermitReentry(T.Escalate)
            .PermitReentry(T.Transfer)
            .Permit(T.ReturnToApplicant, S.WithApplicant)
            .Permit(T.Appeal, S.UnderAppeal)
            .Permit(T.SecondAppeal, S.UnderSecondAppeal);
        m.Configure(S.Recalled)
            .Permit(T.SendToInstance, S.TransferredOut)
            .PermitReentry(T.Refer)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Reject, S.Rejected)
            .Permit(T.Park, S.Parked)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.AttachReceipt)
            .PermitReentry(T.Acknowledge)
            .PermitReentry(T.Escalate)
            .PermitReentry(T.Transfer)
            .Permit(T.ReturnToApplicant, S.WithApplicant)
            .Permit(T.Appeal, S.UnderAppeal)
            .Permit(T.SecondAppeal, S.UnderSecondAppeal);
        m.Configure(S.WithApplicant)
            .Permit(T.Resubmit, S.Forwarded)
            .Permit(T.Reject, S.Rejected)
            .PermitReentry(T.Transfer);
        m.Configure(S.Approved)
            .PermitReentry(T.Forward)
            .PermitReentry(T.Return)
            .PermitReentry(T.Open)
            .PermitReentry(T.Transfer)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Rejected)
            .PermitReentry(T.Forward)
            .PermitReentry(T.Return)
            .PermitReentry(T.Open)
            .PermitReentry(T.Transfer)
            .Permit(T.Close, S.Closed)
            .Permit(T.Appeal, S.UnderAppeal)
            .Permit(T.SecondAppeal, S.UnderSecondAppeal);
        m.Configure(S.UnderAppeal)
            .PermitReentry(T.ExtendAppealTime)
            .Permit(T.AllowAppeal, S.Forwarded)
            .Permit(T.DismissAppeal, S.Rejected)
            .Permit(T.SecondAppeal, S.UnderSecondAppeal)
            .PermitReentry(T.Open)
            .PermitReentry(T.Transfer);
        m.Configure(S.UnderSecondAppeal)
            .Permit(T.AllowAppeal, S.Forwarded)
            .Permit(T.DismissAppeal, S.Rejected)
            .PermitReentry(T.Open)
            .PermitReentry(T.Transfer);
        m.Configure(S.Parked)
            .Permit(T.Reopen, S.Draft)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Escalate)
            .PermitReentry(T.Transfer)
            .Permit(T.Appeal, S.UnderAppeal)
            .Permit(T.SecondAppeal, S.UnderSecondAppeal);
        m.Configure(S.Closed)
            .Permit(T.Reopen, S.Draft);
        m.Configure(S.TransferredOut)
            .Permit(T.ReceiveFromInstance, S.Forwarded);

        // A withholding from certified copies leaves the file as it is, in any state but away at another instance.
        foreach (var state in new[] { S.Draft, S.Forwarded, S.Returned, S.Recalled, S.WithApplicant, S.Approved, S.Rejected, S.UnderAppeal, S.UnderSecondAppeal, S.Parked, S.Closed })
        {
            m.Configure(state).PermitReentry(T.Withhold);
        }
    }

    // A noting: a green note is its author's draft (editable) until it moves on with the file, then frozen and decided with it;
    // a yellow note is a draft for correction, edited or discarded, or confirmed into a green note. An administrator's transfer moves
    // the notes a departing officer's post holds with its files.
    private static void ConfigureNoting(StateMachine<S, T> m)
    {
        m.Configure(S.None)
            .Permit(T.Create, S.Draft)
            .Permit(T.CreateYellow, S.Yellow);
        m.Configure(S.Yellow)
            .PermitReentry(T.Edit)
            .Permit(T.Discard, S.Discarded)
            .Permit(T.Confirm, S.Draft)
            .PermitReentry(T.Transfer);
        m.Configure(S.Draft)
            .PermitReentry(T.Edit)
            .Permit(T.Discard, S.Discarded)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Transfer);
        m.Configure(S.Forwarded)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Reject, S.Rejected)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Transfer);
        m.Configure(S.Approved)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Transfer);
        m.Configure(S.Rejected)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Transfer);
        m.Configure(S.Closed);
        m.Configure(S.Discarded);
    }

    // A receipt: diarised (draft), marked to officers (a physical one must be received first), acted on directly or put up in a file, closed.
    private static void ConfigureReceipt(StateMachine<S, T> m)
    {
        m.Configure(S.None)
            .Permit(T.Create, S.Draft);
        m.Configure(S.Draft)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Receive)
            .PermitReentry(T.Transfer);
        m.Configure(S.Forwarded)
            .PermitReentry(T.Forward)
            .Permit(T.Return, S.Returned)
            .Permit(T.Recall, S.Recalled)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Reject, S.Rejected)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Open)
            .PermitReentry(T.Receive)
            .PermitReentry(T.Transfer);
        m.Configure(S.Returned)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.Recall, S.Recalled)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Open)
            .PermitReentry(T.Receive)
            .PermitReentry(T.Transfer);
        m.Configure(S.Recalled)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Transfer);
        m.Configure(S.Approved)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Transfer);
        m.Configure(S.Rejected)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Transfer);
        m.Configure(S.Attached);
        m.Configure(S.Closed)
            .Permit(T.Reopen, S.Draft);
    }

    // A draft for approval: drafted and edited by officers holding the file (each version signed), approved by the competent authority,
    // then issued inside the system (arrives as a receipt) or dispatched outside with a number.
    private static void ConfigureDraftForApproval(StateMachine<S, T> m)
    {
        m.Configure(S.None)
            .Permit(T.Create, S.Draft);
        m.Configure(S.Draft)
            .PermitReentry(T.Edit)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Discard, S.Discarded)
            .PermitReentry(T.Transfer);
        m.Configure(S.Approved)
            .Permit(T.Issue, S.Issued)
            .Permit(T.Dispatch, S.Dispatched)
            .PermitReentry(T.Transfer);
        m.Configure(S.Issued);
        m.Configure(S.Dispatched);
        m.Configure(S.Discarded);
    }
}
