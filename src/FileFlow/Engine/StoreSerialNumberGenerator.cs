using FileFlow.Documents;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <summary>Allocates file and diary numbers from the store's durable counters, one series per department, section, head and year.</summary>
public sealed class StoreSerialNumberGenerator(IDocumentStore store) : IFileNumberGenerator
{
    /// <inheritdoc />
    public async ValueTask<FileNumber> NextFileNumberAsync(string department, string section, string subjectHead, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var year = at.UtcDateTime.Year;
        var probe = new FileNumber(department, section, subjectHead, 1, year);
        var serial = await store.NextSerialAsync($"file:{probe.Department}/{probe.Section}/{probe.SubjectHead}/{year}", cancellationToken).ConfigureAwait(false);
        return new FileNumber(department, section, subjectHead, serial, year);
    }

    /// <inheritdoc />
    public async ValueTask<DiaryNumber> NextDiaryNumberAsync(string section, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var year = at.UtcDateTime.Year;
        var probe = new DiaryNumber(1, year, section);
        var running = await store.NextSerialAsync($"diary:{probe.Section}/{year}", cancellationToken).ConfigureAwait(false);
        return new DiaryNumber(running, year, section);
    }
}
