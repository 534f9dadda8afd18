using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FileFlow.Documents;

/// <summary>A receipt's diary number in eOffice's shape, <c>RUNNING/YEAR/SECTION</c> (for example <c>154960/2026/EST</c>).</summary>
public sealed record DiaryNumber
{
    /// <summary>Initializes a diary number from its parts.</summary>
    /// <exception cref="ArgumentException">The section is empty or not upper-case letters, digits and hyphens.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The running number is not positive or the year is outside 1900–9999.</exception>
    public DiaryNumber(long running, int year, string section)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(running);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        Running = running;
        Year = year;
        Section = FileNumber.CheckPart(section, nameof(section));
    }

    /// <summary>Gets the running number within the section and year.</summary>
    public long Running { get; }

    /// <summary>Gets the year of diarisation.</summary>
    public int Year { get; }

    /// <summary>Gets the diarising section's code.</summary>
    public string Section { get; }

    /// <summary>Parses <c>RUNNING/YEAR/SECTION</c> without throwing: <see langword="false"/> for null or any other text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DiaryNumber? number)
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

    /// <summary>Parses <c>RUNNING/YEAR/SECTION</c>.</summary>
    /// <exception cref="FormatException">The text does not have that shape.</exception>
    public static DiaryNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var running)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new FormatException($"'{text}' is not a diary number of the form RUNNING/YEAR/SECTION.");
        }

        try
        {
            return new DiaryNumber(running, year, parts[2]);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}' is not a valid diary number: {e.Message}", e);
        }
    }

    /// <summary>Returns <c>RUNNING/YEAR/SECTION</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Running}/{Year}/{Section}");
}
