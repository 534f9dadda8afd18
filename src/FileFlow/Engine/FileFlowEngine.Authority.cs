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

    private async ValueTask<bool> RecipientActedAsync(DocumentHead head, CancellationToken cancellationToken)
    {
        if (head.Kind != DocumentKind.File)
        {
            return false;
        }

        var children = new List<DocumentHead>();
        await foreach (var child in store.QueryAllAsync(new DocumentQuery { Parent = head.Id, Limit = 1000 }, cancellationToken).ConfigureAwait(false))
        {
            children.Add(child);
        }

        return AuthorityPolicy.RecipientHasActed(head, children);
    }
}
