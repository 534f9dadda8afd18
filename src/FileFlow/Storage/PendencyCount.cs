namespace FileFlow.Storage;

/// <summary>How many pending documents share a key (a post or a service), and since when the oldest has waited.</summary>
/// <param name="Key">The post or service identifier; empty for files without a service.</param>
/// <param name="Count">How many documents are pending.</param>
/// <param name="OldestSince">When the longest-waiting one arrived.</param>
public sealed record PendencyCount(string Key, long Count, DateTimeOffset OldestSince);
