using FileFlow.Records;

namespace FileFlow.Audit;

/// <summary>The size of a Merkle log and the root hash of the tree over its first <see cref="Size"/> leaves.</summary>
/// <param name="Size">The number of leaves (records) the root covers.</param>
/// <param name="RootHash">The RFC 6962 root hash of those leaves.</param>
public readonly record struct TreeHead(long Size, Hash256 RootHash);
