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
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown document kind.");
        }
    }

    // A file: opened as a draft by its creator, moved up and down the hierarchy, decided, closed; receipts are put up in it.
    private static void ConfigureFile(StateMachine<S, T> m)
    {
        m.Configure(S.None)
            .Permit(T.Create, S.Draft);
        m.Configure(S.Draft)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.Park, S.Parked)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.AttachReceipt)
            .PermitReentry(T.Escalate)
            .Permit(T.ReturnToApplicant, S.WithApplicant);
        m.Configure(S.Forwarded)
            .PermitReentry(T.Forward)
            .Permit(T.Return, S.Returned)
            .Permit(T.Recall, S.Recalled)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Reject, S.Rejected)
            .Permit(T.Park, S.Parked)
            .PermitReentry(T.AttachReceipt)
            .PermitReentry(T.Escalate)
            .Permit(T.ReturnToApplicant, S.WithApplicant);
        m.Configure(S.Returned)
            .Permit(T.Forward, S.Forwarded)
            .PermitReentry(T.Return)
            .Permit(T.Recall, S.Recalled)
            .Permit(T.Park, S.Parked)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.AttachReceipt)
            .PermitReentry(T.Escalate)
            .Permit(T.ReturnToApplicant, S.WithApplicant);
        m.Configure(S.Recalled)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.Park, S.Parked)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.AttachReceipt)
            .PermitReentry(T.Escalate);
        m.Configure(S.WithApplicant)
            .Permit(T.Resubmit, S.Forwarded)
            .Permit(T.Reject, S.Rejected);
        m.Configure(S.Approved)
            .PermitReentry(T.Forward)
            .PermitReentry(T.Return)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Rejected)
            .PermitReentry(T.Forward)
            .PermitReentry(T.Return)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Parked)
            .Permit(T.Reopen, S.Draft)
            .Permit(T.Close, S.Closed)
            .PermitReentry(T.Escalate);
        m.Configure(S.Closed)
            .Permit(T.Reopen, S.Draft);
    }

    // A noting: its author's draft (editable) until it moves on with the file, then frozen and decided with it.
    private static void ConfigureNoting(StateMachine<S, T> m)
    {
        m.Configure(S.None)
            .Permit(T.Create, S.Draft);
        m.Configure(S.Draft)
            .PermitReentry(T.Edit)
            .Permit(T.Discard, S.Discarded)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Forwarded)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Reject, S.Rejected)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Approved)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Rejected)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Closed);
        m.Configure(S.Discarded);
    }

    // A receipt: diarised (draft), marked to officers, acted on directly or put up in a file, closed.
    private static void ConfigureReceipt(StateMachine<S, T> m)
    {
        m.Configure(S.None)
            .Permit(T.Create, S.Draft);
        m.Configure(S.Draft)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Forwarded)
            .PermitReentry(T.Forward)
            .Permit(T.Return, S.Returned)
            .Permit(T.Recall, S.Recalled)
            .Permit(T.Approve, S.Approved)
            .Permit(T.Reject, S.Rejected)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Returned)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.Recall, S.Recalled)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Recalled)
            .Permit(T.Forward, S.Forwarded)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Approved)
            .Permit(T.PutInFile, S.Attached)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Rejected)
            .Permit(T.Close, S.Closed);
        m.Configure(S.Attached);
        m.Configure(S.Closed)
            .Permit(T.Reopen, S.Draft);
    }
}
