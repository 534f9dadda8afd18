using System.Globalization;

namespace FileFlow.Documents;

/// <summary>Identifies one document (file, noting or receipt) for its whole life; stable across moves and holders.</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct DocumentId(Guid Value) : IComparable<DocumentId>
{
    /// <summary>Creates a new, random document identifier.</summary>
    public static DocumentId New() => new(Guid.NewGuid());

    /// <summary>Derives the identifier of a document an action creates from the action's id and the document's purpose in it, so a retry of the action (even racing the first attempt in another process) names the same document and cannot create a second one.</summary>
    public static DocumentId ForAction(Guid actionId, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"fileflow-document/{actionId:N}/{purpose}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);   // version 8 (name-based, custom), RFC 9562
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);   // RFC variant
        return new DocumentId(new Guid(hash[..16], bigEndian: true));
    }

    /// <summary>Parses the 32-digit hexadecimal form produced by <see cref="ToString"/> (hyphens are accepted too).</summary>
    /// <exception cref="FormatException">The text is not a document identifier.</exception>
    public static DocumentId Parse(string text) => new(Guid.Parse(text, CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public int CompareTo(DocumentId other) => Value.CompareTo(other.Value);

    /// <summary>Returns the identifier as 32 lowercase hexadecimal digits.</summary>
    public override string ToString() => Value.ToString("N", CultureInfo.InvariantCulture);
}
