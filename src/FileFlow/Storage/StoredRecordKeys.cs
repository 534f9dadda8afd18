using FileFlow.Documents;

namespace FileFlow.Storage;

/// <summary>The columns a store files a record under, as stored: verification compares them with the record's signed bytes.</summary>
/// <param name="Position">The record's position in the global log.</param>
/// <param name="DocumentId">The document the record is filed under.</param>
/// <param name="Sequence">The sequence the record is filed under.</param>
/// <param name="ActionId">The action the record is filed under; exactly-once retries look records up by it.</param>
public sealed record StoredRecordKeys(long Position, DocumentId DocumentId, long Sequence, Guid ActionId);
