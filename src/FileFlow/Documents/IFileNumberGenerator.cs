namespace FileFlow.Documents;

/// <summary>Allocates file and diary numbers; replace it to follow a department's own numbering scheme.</summary>
public interface IFileNumberGenerator
{
    /// <summary>Allocates the next file number for a department, section and subject head in the year of <paramref name="at"/>.</summary>
    ValueTask<FileNumber> NextFileNumberAsync(string department, string section, string subjectHead, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Allocates the next diary number for a section in the year of <paramref name="at"/>.</summary>
    ValueTask<DiaryNumber> NextDiaryNumberAsync(string section, DateTimeOffset at, CancellationToken cancellationToken = default);
}
