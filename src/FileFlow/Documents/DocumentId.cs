using System.Globalization;

namespace FileFlow.Documents;

/// <summary>Identifies one document (file, noting or receipt) for its whole life; stable across moves and holders.</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct DocumentId(Guid Value) : IComparable<DocumentId>
{
    /// <summary>Creates a new, random document identifier.</summary>
    public static DocumentId New() => new(Guid.NewGuid());

    /// <summary>Parses the 32-digit hexadecimal form produced by <see cref="ToString"/> (hyphens are accepted too).</summary>
    /// <exception cref="FormatException">The text is not a document identifier.</exception>
    public static DocumentId Parse(string text) => new(Guid.Parse(text, CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public int CompareTo(DocumentId other) => Value.CompareTo(other.Value);

    /// <summary>Returns the identifier as 32 lowercase hexadecimal digits.</summary>
    public override string ToString() => Value.ToString("N", CultureInfo.InvariantCulture);
}
