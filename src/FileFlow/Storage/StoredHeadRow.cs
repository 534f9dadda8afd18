using System.Collections.Generic;
using FileFlow.Documents;

namespace FileFlow.Storage;

/// <summary>One head row as stored: the head as read, or why it cannot be read, and the columns the store derives from the head.</summary>
/// <param name="Id">The document the row is for.</param>
/// <param name="Head">The head as read, or <see langword="null"/> when a stored value is out of range or unknown.</param>
/// <param name="Problem">Why the head cannot be read (names the column and its value), or <see langword="null"/>.</param>
public sealed record StoredHeadRow(DocumentId Id, DocumentHead? Head, string? Problem)
{
    /// <summary>Gets the columns the store keeps derived from the head (pending flags, search keys, sort keys), with how each is derived.</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyList<StoredColumn> DerivedColumns { get; init; } = [];
}
