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

    /// <summary>Parses <c>DEPT/SECTION/HEAD/SERIAL/YEAR</c>.</summary>
    /// <exception cref="FormatException">The text does not have five parts of the right shape.</exception>
    public static FileNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 5
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var serial)
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new FormatException($"'{text}' is not a file number of the form DEPT/SECTION/HEAD/SERIAL/YEAR.");
        }

        try
        {
            return new FileNumber(parts[0], parts[1], parts[2], serial, year);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}' is not a valid file number: {e.Message}", e);
        }
    }

    /// <summary>Returns <c>DEPT/SECTION/HEAD/SERIAL/YEAR</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Department}/{Section}/{SubjectHead}/{Serial}/{Year}");

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
