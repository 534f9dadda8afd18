using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>Asking the authority policy: the facts it needs about related documents, gathered from the store.</content>
public sealed partial class FileFlowEngine
{
    private async ValueTask<(PostId ActingAs, ActingCapacity Capacity)> AuthoriseAsync(DocumentHead head, DocumentAction action, DateTimeOffset now, CancellationToken cancellationToken)
    {
        organisation.GetOfficer(action.Actor);
        var request = new AuthorityRequest(head, action.Trigger, action.Actor, now);
        if (head.Parent is { } parent && head.Kind is DocumentKind.Noting or DocumentKind.DraftForApproval)
        {
            request = request with { ParentFile = await LoadAsync(parent, cancellationToken).ConfigureAwait(false) };
        }

        if (action.Trigger == DocumentTrigger.Recall)
        {
            request = request with { RecipientActed = await RecipientActedAsync(head, cancellationToken).ConfigureAwait(false) };
        }

        var granted = authority.Authorise(request);
        return (granted.ActingAs, granted.Capacity);
    }

    // Whether the post a document was sent to has acted on its notes, drafts or other papers since it arrived: each such act leaves the
    // child's last record made by that post no earlier than the send.
    private async ValueTask<bool> RecipientActedAsync(DocumentHead head, CancellationToken cancellationToken)
    {
        if (head.Kind != DocumentKind.File)
        {
            return false;
        }

        var query = new DocumentQuery { Parent = head.Id, Limit = 1000 };
        await foreach (var child in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (child.LastActingAs == head.Holder && child.UpdatedAt >= head.UpdatedAt)
            {
                return true;
            }
        }

        return false;
    }
}
