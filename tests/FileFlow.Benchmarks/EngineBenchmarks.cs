using BenchmarkDotNet.Attributes;
using FileFlow.Documents;

namespace FileFlow.Benchmarks;

/// <summary>One engine action (forward or return) in memory, without signing.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private BenchOffice office = null!;
    private DocumentId file;
    private int step;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        office = new BenchOffice(_ => new EmptySigner());
        file = await office.OpenAsync();
    }

    [Benchmark]
    public Task FireAsync() => office.MoveAsync(file, step++);
}
