using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FileFlow.Documents;

/// <summary>An eOffice-style file number, <c>DEPT/SECTION/HEAD/SERIAL/YEAR</c> (for example <c>HEALTH/EST/LEAVE/42/2026</c>).</summary>
/// <remarks>Immutable. Parts other than the serial and year are upper-case letters, digits and hyphens.</remarks>
public sealed record FileNumber
{
    /// <summary>Initializes a file number from its parts.</summary>
    /// <exception cref="ArgumentException">A part is empty, contains a slash or a character outside letters, digits and hyphens.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The serial is not positive or the year is outside 1900–9999.</exception>
    public FileNumber(string department, string section, string subjectHead, long serial, int year)
    {
        Department = CheckPart(department, nameof(department));
        Section = CheckPart(section, nameof(section));
        SubjectHead = CheckPart(subjectHead, nameof(subjectHead));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(serial);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        Serial = serial;
        Year = year;
    }

    /// <summary>Gets the department code, for example <c>HEALTH</c>.</summary>
    public string Department { get; }

    /// <summary>Gets the section code, for example <c>EST</c> (establishment).</summary>
    public string Section { get; }

    /// <summary>Gets the subject head, for example <c>LEAVE</c>.</summary>
    public string SubjectHead { get; }

    /// <summary>Gets the running serial within department, section, head and year.</summary>
    public long Serial { get; }

    /// <summary>Gets the year the file was opened.</summary>
    public int Year { get; }

    /// <summary>Gets the part number of a part file (opened from the main file for parallel processing), or <see langword="null"/>.</summary>
    public int? Part { get; init; }

    /// <summary>Gets the volume number when a file has grown into several volumes, or <see langword="null"/> for the first.</summary>
    public int? Volume { get; init; }

    /// <summary>Parses <c>DEPT/SECTION/HEAD/SERIAL/YEAR</c> without throwing: <see langword="false"/> for null or any other text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out FileNumber? number)
    {
        try
        {
            number = text is null ? null : Parse(text);
        }
        catch (FormatException)
        {
            number = null;
        }

        return number is not null;
    }

    /// <summary>Parses <c>DEPT/SECTION/HEAD/SERIAL/YEAR</c>.</summary>
    /// <exception cref="FormatException">The text does not have five parts of the right shape.</exception>
    public static FileNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        int? part = null, volume = null;
        while (parts.Length > 5 && (TrySuffix(parts[^1], "PART-", out var p) || TrySuffix(parts[^1], "VOL-", out _)))
        {
            if (parts[^1].StartsWith("PART-", StringComparison.Ordinal))
            {
                part = p;
            }
            else
            {
                TrySuffix(parts[^1], "VOL-", out var v);
                volume = v;
            }

            parts = parts[..^1];
        }

        if (parts.Length != 5
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var serial)
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new FormatException($"'{text}' is not a file number of the form DEPT/SECTION/HEAD/SERIAL/YEAR.");
        }

        try
        {
            return new FileNumber(parts[0], parts[1], parts[2], serial, year) { Part = part, Volume = volume };
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}' is not a valid file number: {e.Message}", e);
        }
    }

    /// <summary>Returns <c>DEPT/SECTION/HEAD/SERIAL/YEAR</c>, followed by <c>/VOL-n</c> and <c>/PART-n</c> for volumes and parts.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Department}/{Section}/{SubjectHead}/{Serial}/{Year}{(Volume is { } v ? $"/VOL-{v}" : string.Empty)}{(Part is { } p ? $"/PART-{p}" : string.Empty)}");

    private static bool TrySuffix(string text, string prefix, out int number)
    {
        number = 0;
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }

    internal static string CheckPart(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw new ArgumentException($"'{value}' may hold only upper-case letters A-Z, digits and hyphens.", name);
            }
        }

        return value;
    }
}
