using System.Collections.Immutable;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>Retries: an action id that already landed returns what that action stored, if the request is the same one.</content>
public sealed partial class FileFlowEngine
{
    /// <summary>Returns the result of the action with the request's id if it already landed, as it was when it landed; <see langword="null"/> if it never did.</summary>
    /// <exception cref="ActionIdReusedException">The id landed with a different request.</exception>
    private async ValueTask<ActionResult?> FindLandedAsync(Guid actionId, ActionRequest request, CancellationToken cancellationToken)
    {
        var records = await store.FindActionAsync(actionId, cancellationToken).ConfigureAwait(false);
        if (records.Count == 0)
        {
            return null;
        }

        var main = records[0];
        if (Difference(main.Record, request) is { } difference)
        {
            throw new ActionIdReusedException(actionId, main.DocumentId, difference);
        }

        var head = await HeadAtAsync(main, cancellationToken).ConfigureAwait(false);
        return new ActionResult(main, head, records.Skip(1).ToImmutableArray(), Replayed: true);
    }

    private static string? Difference(TransitionRecord landed, ActionRequest request)
    {
        if (request.Document is { } document && landed.DocumentId != document)
        {
            return $"it acted on document {landed.DocumentId}, not {document}";
        }

        if (landed.Trigger != request.Trigger)
        {
            return $"its trigger was {landed.Trigger}, not {request.Trigger}";
        }

        if (landed.Actor != request.Actor)
        {
            return $"its actor was officer '{landed.Actor}', not '{request.Actor}'";
        }

        // Records stored before fingerprints were signed in carry none; the document, trigger and actor are all they can be matched on.
        return landed.Attribute(RecordAttributes.Request) is { } fingerprint && fingerprint != request.Fingerprint
            ? "its arguments (recipient, reason, receipt, paragraphs, attributes or other fields) were different"
            : null;
    }

    // The document as the action left it: its records folded up to the action's main record, not the document as it is now.
    private async ValueTask<DocumentHead> HeadAtAsync(SignedRecord main, CancellationToken cancellationToken)
    {
        DocumentHead? head = null;
        await foreach (var stored in store.ReadStreamAsync(main.DocumentId, cancellationToken).ConfigureAwait(false))
        {
            head = DocumentProjection.Apply(head, stored.Record, stored.Hash);
            if (stored.Sequence >= main.Sequence)
            {
                break;
            }
        }

        return head ?? throw new DocumentNotFoundException(main.DocumentId);
    }
}
