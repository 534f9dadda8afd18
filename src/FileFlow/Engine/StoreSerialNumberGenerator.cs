using FileFlow.Documents;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <summary>Allocates file and diary numbers from the store's durable counters, one series per department, section, head and year, each number taken at once.</summary>
/// <remarks>
/// The engine does not need it: without a <see cref="FileFlowEngineOptions.NumberGenerator"/> it reads the same counters and takes each
/// number in the same transaction as the record that carries it, so a refused action leaves no gap. A number this generator gives and the
/// caller then does not use is a gap in the register.
/// </remarks>
public sealed class StoreSerialNumberGenerator(IDocumentStore store) : IFileNumberGenerator
{
    /// <inheritdoc />
    public async ValueTask<FileNumber> NextFileNumberAsync(string department, string section, string subjectHead, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var year = at.UtcDateTime.Year;
        var serial = await store.NextSerialAsync(FileScope(department, section, subjectHead, year), cancellationToken).ConfigureAwait(false);
        return new FileNumber(department, section, subjectHead, serial, year);
    }

    /// <inheritdoc />
    public async ValueTask<DiaryNumber> NextDiaryNumberAsync(string section, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var year = at.UtcDateTime.Year;
        var running = await store.NextSerialAsync(DiaryScope(section, year), cancellationToken).ConfigureAwait(false);
        return new DiaryNumber(running, year, section);
    }

    // The counters' names: the parts as a number would normalise them, so "est" and "EST" share a series.
    internal static string FileScope(string department, string section, string subjectHead, int year)
    {
        var probe = new FileNumber(department, section, subjectHead, 1, year);
        return $"file:{probe.Department}/{probe.Section}/{probe.SubjectHead}/{year}";
    }

    internal static string DiaryScope(string section, int year) => $"diary:{new DiaryNumber(1, year, section).Section}/{year}";
}
