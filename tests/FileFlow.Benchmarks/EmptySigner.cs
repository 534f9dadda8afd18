using FileFlow.Signing;

namespace FileFlow.Benchmarks;

/// <summary>Signs nothing, so a benchmark measures the engine alone.</summary>
public sealed class EmptySigner : ISigner
{
    public string KeyId => "none";

    public ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new RecordSignature("none", []));
}
