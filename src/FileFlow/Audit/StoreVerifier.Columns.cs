using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>The columns a store keeps beside the signed bytes (<see cref="IStoredColumnSource"/>): filing keys and derived head columns.</summary>
public sealed partial class StoreVerifier
{
    /// <summary>Compares the action id a record is filed under with the one its signed bytes carry.</summary>
    private static VerificationFailure? CheckFiling(SignedRecord stored, StoredRecordKeys? keys)
    {
        if (keys is null)
        {
            return null;
        }

        if (keys.Position != stored.Position || keys.DocumentId != stored.DocumentId || keys.Sequence != stored.Sequence)
        {
            return new(stored.DocumentId, stored.Sequence, VerificationFailureKind.Missing,
                $"the store's filing columns of position {stored.Position} were not found (found position {keys.Position})");
        }

        if (!stored.TryGetRecord(out var record, out _) || record!.ActionId == keys.ActionId)
        {
            return null;
        }

        return new(stored.DocumentId, stored.Sequence, VerificationFailureKind.Misplaced,
            $"the record is filed under action {keys.ActionId:D} but its signed bytes say action {record.ActionId:D}");
    }

    /// <summary>Compares a stored head row, columns derived from the head included, with the head replayed from the records.</summary>
    private static VerificationFailure? CheckHeadRow(StoredHeadRow row, DocumentReplay replay)
    {
        if (row.Head is null)
        {
            return new(row.Id, replay.Head?.Sequence ?? -1, VerificationFailureKind.HeadMismatch,
                "the stored head cannot be read: " + (row.Problem ?? "a value is out of range"));
        }

        replay.CompareWith(row.Head);
        if (replay.Failure is not null || replay.Head is not { } head)
        {
            return null;
        }

        foreach (var column in row.DerivedColumns)
        {
            var expected = column.Derive(head);
            if (!string.Equals(expected, column.Value, StringComparison.Ordinal))
            {
                return new(row.Id, head.Sequence, VerificationFailureKind.HeadMismatch,
                    $"the stored column {column.Name} is {Show(column.Value)} but the replayed head gives {Show(expected)}");
            }
        }

        return null;
    }

    private static string Show(string? value) => value is null ? "NULL" : $"'{value}'";

    /// <summary>Reads one document's head row and filing columns, turning an unreadable head into a failure rather than an exception.</summary>
    private static async Task<(StoredHeadRow? Row, List<StoredRecordKeys> Keys)> ReadColumnsAsync(
        IStoredColumnSource source, DocumentId id, CancellationToken cancellationToken)
    {
        StoredHeadRow? row = null;
        await foreach (var found in source.ReadHeadRowsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            row = found;
        }

        var keys = new List<StoredRecordKeys>();
        await foreach (var key in source.ReadRecordKeysAsync(id, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(key);
        }

        return (row, keys);
    }
}
