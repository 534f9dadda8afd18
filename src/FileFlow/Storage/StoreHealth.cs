namespace FileFlow.Storage;

/// <summary>What a store reported about itself: where it is, its schema version, whether its writer runs, and how many records it holds.</summary>
/// <param name="Store">A short description of the store (its kind and file or schema), without credentials.</param>
/// <param name="SchemaVersion">The schema version recorded in the database.</param>
/// <param name="SupportedVersion">The newest schema version this code supports.</param>
/// <param name="WriterAlive">Whether the store's writer can still commit (false once it failed or was disposed).</param>
/// <param name="Records">How many records the store holds.</param>
public sealed record StoreHealth(string Store, int SchemaVersion, int SupportedVersion, bool WriterAlive, long Records);
