using System.Diagnostics;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Storage;

namespace FileFlow.StoreContract;

/// <summary>Measures the cost of one action as a store grows: the same action mix (open, note, forward, return) timed one at a time at each size.</summary>
/// <remarks>Fills concurrently (so durable stores group their commits), then times <c>sample</c> actions sequentially on fresh files; a store whose action
/// path scans anything gets slower with size. Prints figures; asserts nothing (a benchmark, not a test).</remarks>
public static class StoreGrowth
{
    /// <summary>Grows <paramref name="store"/> to each size in turn and prints the microseconds per action there and the ratio to the first size.</summary>
    public static async Task<IReadOnlyList<(int Files, double MicrosPerAction)>> RunAsync(
        string name, IDocumentStore store, IReadOnlyList<int> sizes, int sample, TextWriter output, CancellationToken cancellationToken = default)
    {
        var office = TestOffice.Create(store);
        var results = new List<(int, double)>();
        var files = 0;
        for (var i = 0; i < sample; i++)
        {
            // Warm-up (JIT, pools, caches) before the first size, not counted.
            await FileAsync(office, forwardBack: true, cancellationToken).ConfigureAwait(false);
        }

        foreach (var size in sizes)
        {
            var fill = Stopwatch.StartNew();
            var next = files - 1;
            await Parallel.ForEachAsync(Enumerable.Range(0, 16), cancellationToken, async (_, ct) =>
            {
                while (Interlocked.Increment(ref next) < size)
                {
                    await FileAsync(office, forwardBack: false, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            files = size;
            fill.Stop();

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < sample; i++)
            {
                await FileAsync(office, forwardBack: true, cancellationToken).ConfigureAwait(false);
            }

            var micros = watch.Elapsed.TotalMicroseconds / (sample * 4.0);
            results.Add((size, micros));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} {size,9:N0} files (filled in {fill.Elapsed.TotalSeconds,6:F1} s): {micros,8:F1} us/action, {micros / results[0].Item2:F2}x the first size"));
        }

        return results;
    }

    private static async Task FileAsync(TestOffice office, bool forwardBack, CancellationToken cancellationToken)
    {
        var engine = office.Engine;
        var file = await engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var id = file.Head.Id;
        await engine.WriteNotingAsync(TestOffice.Ramesh, id, NotingContent.Number("Put up for orders."), cancellationToken: cancellationToken).ConfigureAwait(false);
        await engine.FireAsync(new Engine.DocumentAction(id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer }, cancellationToken).ConfigureAwait(false);
        if (forwardBack)
        {
            await engine.FireAsync(new Engine.DocumentAction(id, DocumentTrigger.Return, TestOffice.Sunita) { Recipient = TestOffice.DealingAssistant }, cancellationToken).ConfigureAwait(false);
        }
    }
}
