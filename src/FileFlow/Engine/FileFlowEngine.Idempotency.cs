using System.Collections.Immutable;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>
/// Retries: an action id that already landed returns what that action stored, if the request is the same one. No lookup is made for a
/// fresh id: an id the engine makes itself cannot have landed, and an action on an existing document is attempted first, because the
/// stores refuse an action id they already hold (<see cref="DuplicateActionException"/>); only a refused attempt looks for what landed.
/// </content>
public sealed partial class FileFlowEngine
{
    /// <summary>Returns the landed result of a caller's action id (it may be a retry); an id the engine makes (none given) is fresh and looked up nowhere.</summary>
    /// <exception cref="ActionIdReusedException">The id landed with a different request.</exception>
    private ValueTask<ActionResult?> FindLandedAsync(Guid? given, ActionRequest request, CancellationToken cancellationToken) =>
        given is { } actionId ? FindLandedAsync(actionId, request, cancellationToken) : ValueTask.FromResult<ActionResult?>(null);

    /// <summary>
    /// Whether an attempt's failure may be a retry meeting its own landed action: a refusal (the document moved on since, so the
    /// action is no longer permitted or the actor no longer holds it), but not the append's conflicts, which <see cref="AppendAsync"/>
    /// has already looked behind. A cancellation or a store or I/O failure is not a refusal: it is rethrown as it is, not masked by a
    /// lookup on the same failing store.
    /// </summary>
    private static bool MayHaveLanded(Exception failure) =>
        failure is FileFlowException and not (ActionIdReusedException or ConcurrencyException or DuplicateActionException);

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
