using BenchmarkDotNet.Attributes;
using FileFlow.Records;

namespace FileFlow.Benchmarks;

/// <summary>Encoding a typical record to its canonical bytes.</summary>
[MemoryDiagnoser]
public class RecordCodecBenchmarks
{
    private TransitionRecord record = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var office = new BenchOffice(_ => new EmptySigner());
        var file = await office.OpenAsync();
        record = (await office.MoveAsync(file, 0)).Record.Record;
    }

    [Benchmark]
    public byte[] Encode() => RecordCodec.Encode(record);
}
