using System.Security.Cryptography;
using System.Text;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Storage;

namespace FileFlow.Cli.Nodes;

/// <summary>
/// What any node does next with a file, decided by the file's head alone, under an action id derived from the file and the sequence it
/// acts from: two nodes that find a file in the same state fire the same action under the same id, so it applies once.
/// </summary>
internal static class NodePlan
{
    /// <summary>The action id of the step taken from <paramref name="fromSequence"/>: a name-based UUID over the document and the sequence.</summary>
    public static Guid ActionId(DocumentId document, long fromSequence)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"fileflow-nodes/{document.Value:N}/{fromSequence}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>Returns the next action on a file, or <see langword="null"/> when it is closed: forward up the service's route, decide, return for issue, close.</summary>
    public static DocumentAction? Next(NodeOffice office, DocumentHead head, DateTimeOffset now)
    {
        if (head.State == DocumentState.Closed)
        {
            return null;
        }

        var actor = office.ActorFor(head.Holder, now);
        var id = ActionId(head.Id, head.Sequence);
        return head.State switch
        {
            DocumentState.Approved or DocumentState.Rejected when head.Holder != head.CreatedBy =>
                new DocumentAction(head.Id, DocumentTrigger.Return, actor) { Recipient = head.CreatedBy, Reason = "For issue of the order.", ActionId = id },
            DocumentState.Approved or DocumentState.Rejected =>
                new DocumentAction(head.Id, DocumentTrigger.Close, actor) { Reason = "Order issued to the applicant.", ActionId = id },
            DocumentState.WithApplicant =>
                new DocumentAction(head.Id, DocumentTrigger.Resubmit, actor) { Reason = "The applicant supplied what was asked for.", ActionId = id },
            _ when IsDecider(office, head) && (head.Id.Value.ToByteArray()[0] & 7) == 0 =>
                new DocumentAction(head.Id, DocumentTrigger.Reject, actor) { Reason = "Not admissible under the rules.", ActionId = id },
            _ when IsDecider(office, head) => new DocumentAction(head.Id, DocumentTrigger.Approve, actor) { Reason = "Sanctioned.", ActionId = id },
            _ => new DocumentAction(head.Id, DocumentTrigger.Forward, actor) { ActionId = id },
        };
    }

    private static bool IsDecider(NodeOffice office, DocumentHead head)
    {
        var service = head.ServiceId is { } serviceId ? office.Catalog.Get(serviceId) : null;
        var authority = head.Authority ?? service?.Route.Authority;
        return authority is not null && office.Chart.ResolveRole(authority, head.CreatedBy)?.Id == head.Holder;
    }
}
