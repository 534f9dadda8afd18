namespace FileFlow.Storage;

/// <summary>A value an append takes from a durable named counter (a file, diary or dispatch number), written into its record before signing; the store moves the counter from <c>Value - 1</c> to <c>Value</c> in the append's own transaction, or appends nothing.</summary>
/// <param name="Scope">The counter's name, as given to <see cref="IDocumentStore.NextSerialAsync"/>.</param>
/// <param name="Value">The value taken: one more than the counter's current value (1 for a counter never used).</param>
public sealed record SerialClaim(string Scope, long Value);
