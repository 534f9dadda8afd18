using System.Diagnostics;
using FileFlow.Documents;

namespace FileFlow.Benchmarks;

/// <summary>
/// A plain loop of unsigned in-memory transitions (forward and return round a pool of files, as <c>fileflow bench</c> does), for a
/// sampling profiler to attach to: <c>dotnet-trace collect -- dotnet FileFlow.Benchmarks.dll --profile 20</c>.
/// </summary>
public static class ProfileLoop
{
    private const int FilePool = 512;

    public static async Task RunAsync(TimeSpan duration)
    {
        var office = new BenchOffice(_ => new EmptySigner());
        var files = new DocumentId[FilePool];
        for (var f = 0; f < files.Length; f++)
        {
            files[f] = await office.OpenAsync();
        }

        long n = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            for (var k = 0; k < 1000; k++, n++)
            {
                await office.MoveAsync(files[n % FilePool], (int)(n / FilePool % 2));
            }
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine($"{n:N0} transitions in {watch.Elapsed.TotalSeconds:0.0} s: {watch.Elapsed.TotalMicroseconds / n:0.00} µs wall, "
            + $"{cpu.TotalMicroseconds / n:0.00} µs CPU, {allocated / n:N0} bytes allocated per transition");
    }
}
