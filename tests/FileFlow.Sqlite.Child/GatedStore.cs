using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Sqlite.Child;

/// <summary>Passes everything through, but holds each append until <see cref="Gate"/> lets it go: two processes can then both decide before either appends.</summary>
public sealed class GatedStore(IDocumentStore inner, Func<Task> gate) : DelegatingStore(inner)
{
    public Func<Task> Gate { get; } = gate;

    public override async ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default)
    {
        await Gate();
        await Inner.AppendAsync(batch, cancellationToken);
    }
}
