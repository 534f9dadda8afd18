using FileFlow.Documents;
using FileFlow.Records;

namespace FileFlow.Storage;

/// <summary>Durable home of signed records and of each document's head; every implementation passes the same contract suite.</summary>
/// <remarks>Implementations are thread-safe. The store is not trusted: verification re-checks everything it returns.</remarks>
public interface IDocumentStore
{
    /// <summary>Appends records atomically, all or none, in list order, each with its document's new head, taking every counter value they claim (<see cref="RecordAppend.Serials"/>) in the same transaction.</summary>
    /// <exception cref="ConcurrencyException">A document is not at the expected sequence; nothing was appended.</exception>
    /// <exception cref="DuplicateActionException">A record with the same action id is already stored (by an earlier append, on any document); nothing was appended.</exception>
    /// <exception cref="SerialTakenException">A claimed counter value is not the next one free; nothing was appended.</exception>
    ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default);

    /// <summary>Returns a document's head, or <see langword="null"/> when it does not exist.</summary>
    ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default);

    /// <summary>Streams a document's records in sequence order (empty when it does not exist).</summary>
    IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, CancellationToken cancellationToken = default);

    /// <summary>Streams every record in global append order, from a position on.</summary>
    IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, CancellationToken cancellationToken = default);

    /// <summary>Returns the records an action produced (empty when it never landed).</summary>
    ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default);

    /// <summary>Lists document heads matching a query, ordered by last action time then id, one page at a time.</summary>
    ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts pending documents (not closed, discarded or put in a file) of a kind, grouped by holder post or by service, largest first.</summary>
    ValueTask<IReadOnlyList<PendencyCount>> PendencyAsync(PendencyGrouping grouping, DocumentKind kind = DocumentKind.File, CancellationToken cancellationToken = default);

    /// <summary>Returns the next value (1, 2, …) of a durable named counter, for file and diary numbers.</summary>
    ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>Returns the value a durable named counter would give next (1 for a counter never used) without taking it; an append claims it with <see cref="RecordAppend.Serials"/>.</summary>
    ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default);
}
