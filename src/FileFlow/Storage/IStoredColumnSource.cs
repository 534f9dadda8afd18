using FileFlow.Documents;

namespace FileFlow.Storage;

/// <summary>A store that shows verification the columns it keeps beside the signed bytes, exactly as stored, so every column a read trusts is checked.</summary>
/// <remarks>Reads never throw for a bad value: a row that cannot be read comes back with its problem, so verification names the document.</remarks>
public interface IStoredColumnSource
{
    /// <summary>Streams the filing columns of every record, or of one document's, as stored (position, document, sequence and action id), in position order.</summary>
    IAsyncEnumerable<StoredRecordKeys> ReadRecordKeysAsync(DocumentId? document = null, CancellationToken cancellationToken = default);

    /// <summary>Streams every head row, or one document's, as stored: the head as read (or why it cannot be read) and the columns the store derives from it.</summary>
    IAsyncEnumerable<StoredHeadRow> ReadHeadRowsAsync(DocumentId? document = null, CancellationToken cancellationToken = default);
}
