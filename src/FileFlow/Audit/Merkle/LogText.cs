using System.Globalization;
using FileFlow.Records;

namespace FileFlow.Audit;

/// <summary>Shared strict parsing for the line-based text forms of checkpoints and proofs.</summary>
internal static class LogText
{
    /// <summary>Splits text into lines on LF (a CRLF is read as LF); the text must end with a newline.</summary>
    public static string[] Lines(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (normalised.Length == 0 || normalised[^1] != '\n')
        {
            throw new LogFormatException($"The {what} does not end with a newline; it is truncated.");
        }

        return normalised[..^1].Split('\n');
    }

    public static void ExpectHeader(string[] lines, string header, string what)
    {
        if (lines.Length == 0 || !string.Equals(lines[0], header, StringComparison.Ordinal))
        {
            throw new LogFormatException($"The {what} does not start with '{header}'.");
        }
    }

    /// <summary>Parses a non-negative decimal integer without sign, spaces or leading zeros.</summary>
    public static long ParseCount(string line, string field)
    {
        if (line.Length == 0 || line.Length > 19 || !line.All(char.IsAsciiDigit) || (line.Length > 1 && line[0] == '0')
            || !long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new LogFormatException($"The {field} '{Shorten(line)}' is not a non-negative decimal integer.");
        }

        return value;
    }

    /// <summary>Parses 64 lowercase hexadecimal digits.</summary>
    public static Hash256 ParseHash(string line, string field)
    {
        if (line.Length != Hash256.Length * 2 || !line.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new LogFormatException($"The {field} '{Shorten(line)}' is not 64 lowercase hexadecimal digits.");
        }

        return Hash256.Parse(line);
    }

    /// <summary>Whether a token may stand on a line or between single spaces: printable ASCII, no spaces.</summary>
    public static bool IsToken(string value) => value.Length is > 0 and <= 256 && value.All(c => c is > ' ' and < (char)0x7f);

    public static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
