using System.Globalization;
using FileFlow.Documents;

namespace FileFlow.Storage;

/// <summary>Encodes and decodes the keyset position (updated time, document id) that continuation tokens carry.</summary>
public static class PageToken
{
    /// <summary>Encodes a position after the given head.</summary>
    public static string After(DocumentHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return string.Create(CultureInfo.InvariantCulture, $"{head.UpdatedAt.ToUnixTimeMilliseconds()}.{head.Id}");
    }

    /// <summary>Decodes a token into (Unix milliseconds, document id).</summary>
    /// <exception cref="ArgumentException">The token was not produced by <see cref="After"/>.</exception>
    public static (long UnixMilliseconds, DocumentId Id) Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || !long.TryParse(token.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            || !Guid.TryParseExact(token.AsSpan(dot + 1), "N", out var id))
        {
            throw new ArgumentException($"'{token}' is not a continuation token.", nameof(token));
        }

        return (ms, new DocumentId(id));
    }
}
