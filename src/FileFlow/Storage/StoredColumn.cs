namespace FileFlow.Storage;

/// <summary>A column a store derives from a document's head, as stored, with the derivation verification applies to the replayed head.</summary>
/// <param name="Name">The column's name, for the failure message.</param>
/// <param name="Value">The stored value in its text form (<see langword="null"/> for SQL NULL).</param>
/// <param name="Derive">Gives the value the column must hold for a head, in the same text form.</param>
public sealed record StoredColumn(string Name, string? Value, Func<DocumentHead, string?> Derive);
