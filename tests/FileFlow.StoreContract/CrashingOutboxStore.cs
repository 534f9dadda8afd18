using FileFlow.Instances;
using FileFlow.Storage;

namespace FileFlow.StoreContract;

/// <summary>A real store that fails like a killed process at one moment: when the dispatcher counts a given delivery (after writing its bundle).</summary>
public sealed class CrashingOutboxStore(IDocumentStore inner, int crashAtDelivery) : DelegatingStore(inner)
{
    private int deliveries;

    public override ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default) =>
        scope == InstanceTransfers.OutboxCounter && ++deliveries == crashAtDelivery
            ? throw new IOException("simulated crash of the dispatcher")
            : Inner.NextSerialAsync(scope, cancellationToken);
}
