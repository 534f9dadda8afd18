using System.Buffers;
using System.Security.Cryptography;
using FileFlow.Records;

namespace FileFlow.Audit;

/// <summary>The RFC 6962 / RFC 9162 tree hashes over SHA-256: domain-separated leaf and interior-node hashes, and the empty-tree root.</summary>
/// <remarks>Thread-safe and stateless. A record's leaf is its canonical bytes, taken in the store's global append order.</remarks>
public static class MerkleHasher
{
    private const int StackLimit = 512;

    /// <summary>Gets the root of the empty tree: SHA-256 of the empty string.</summary>
    public static Hash256 EmptyRoot { get; } = Hash256.Compute([]);

    /// <summary>Computes a leaf hash, SHA-256(0x00 ‖ <paramref name="leaf"/>).</summary>
    public static Hash256 LeafHash(ReadOnlySpan<byte> leaf)
    {
        Span<byte> digest = stackalloc byte[Hash256.Length];
        LeafHash(leaf, digest);
        return Hash256.FromBytes(digest);
    }

    /// <summary>Computes an interior-node hash, SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>).</summary>
    public static Hash256 NodeHash(Hash256 left, Hash256 right)
    {
        Span<byte> digest = stackalloc byte[Hash256.Length];
        NodeHash(left.Span, right.Span, digest);
        return Hash256.FromBytes(digest);
    }

    /// <summary>Computes the leaf hash of a record: the leaf hash of its canonical bytes.</summary>
    public static Hash256 LeafHash(SignedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return LeafHash(record.CanonicalBytes.Span);
    }

    internal static void LeafHash(ReadOnlySpan<byte> leaf, Span<byte> destination)
    {
        var length = leaf.Length + 1;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            buffer[0] = 0x00;
            leaf.CopyTo(buffer[1..]);
            SHA256.HashData(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    internal static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Hash256.Length)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Hash256.Length)..]);
        SHA256.HashData(buffer, destination);
    }
}
