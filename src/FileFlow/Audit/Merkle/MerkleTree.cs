using System.Collections.Immutable;
using System.Numerics;
using FileFlow.Records;

namespace FileFlow.Audit;

/// <summary>RFC 9162 §2.1 over leaf hashes: tree roots of any prefix, inclusion proofs (PATH) and consistency proofs (PROOF), and their verification.</summary>
/// <remarks>
/// Thread-safe and stateless. Generation takes random access to leaf hashes and costs O(n) hashing; verification needs only the proof,
/// the sizes and the roots, so anyone holding a checkpoint can run it offline. <see cref="MerkleLog"/> generates the same proofs by streaming a store.
/// </remarks>
public static class MerkleTree
{
    /// <summary>Computes the root hash of the tree over the first <paramref name="size"/> leaf hashes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or larger than the number of leaf hashes.</exception>
    public static Hash256 ComputeRoot(IReadOnlyList<Hash256> leafHashes, long size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leafHashes.Count);
        return size == 0 ? MerkleHasher.EmptyRoot : RangeRoot(leafHashes, 0, size);
    }

    /// <summary>Creates the inclusion proof PATH(<paramref name="leafIndex"/>, D[<paramref name="treeSize"/>]) of RFC 9162 §2.1.3.1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below the tree size, or the tree size exceeds the leaf hashes.</exception>
    public static InclusionProof CreateInclusionProof(IReadOnlyList<Hash256> leafHashes, long leafIndex, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, leafHashes.Count);
        var path = InclusionRanges(leafIndex, treeSize).Select(r => RangeRoot(leafHashes, r.Start, r.End));
        return new InclusionProof(leafIndex, treeSize, [.. path]);
    }

    /// <summary>Creates the consistency proof PROOF(<paramref name="firstSize"/>, D[<paramref name="secondSize"/>]) of RFC 9162 §2.1.4.1; empty when the sizes are equal or the first is 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The first size is negative or above the second, or the second exceeds the leaf hashes.</exception>
    public static ConsistencyProof CreateConsistencyProof(IReadOnlyList<Hash256> leafHashes, long firstSize, long secondSize)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(secondSize, leafHashes.Count);
        var path = ConsistencyRanges(firstSize, secondSize).Select(r => RangeRoot(leafHashes, r.Start, r.End));
        return new ConsistencyProof(firstSize, secondSize, [.. path]);
    }

    /// <summary>Checks an inclusion proof with the algorithm of RFC 9162 §2.1.3.2: does the leaf sit at the proof's index in the tree with this root?</summary>
    public static bool VerifyInclusion(InclusionProof proof, Hash256 leafHash, Hash256 rootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.LeafIndex < 0 || proof.LeafIndex >= proof.TreeSize)
        {
            return false;
        }

        var fn = proof.LeafIndex;
        var sn = proof.TreeSize - 1;
        var r = leafHash;
        foreach (var p in proof.Path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHasher.NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHasher.NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r == rootHash;
    }

    /// <summary>Checks a consistency proof with the algorithm of RFC 9162 §2.1.4.2: is the tree with the first root a prefix of the tree with the second?</summary>
    /// <remarks>Equal sizes need an empty proof and equal roots; a first size of 0 needs an empty proof (every log extends the empty one).</remarks>
    public static bool VerifyConsistency(ConsistencyProof proof, Hash256 firstRootHash, Hash256 secondRootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var first = proof.FirstSize;
        var second = proof.SecondSize;
        if (first < 0 || first > second)
        {
            return false;
        }

        if (first == 0)
        {
            return proof.Path.IsEmpty && firstRootHash == MerkleHasher.EmptyRoot;
        }

        if (first == second)
        {
            return proof.Path.IsEmpty && firstRootHash == secondRootHash;
        }

        if (proof.Path.IsEmpty)
        {
            return false;
        }

        var path = BitOperations.IsPow2(first) ? proof.Path.Insert(0, firstRootHash) : proof.Path;
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Length; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHasher.NodeHash(c, fr);
                sr = MerkleHasher.NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHasher.NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return fr == firstRootHash && sr == secondRootHash && sn == 0;
    }

    /// <summary>The leaf ranges [Start, End) whose tree roots make up PATH(index, D[size]), nearest the leaf first.</summary>
    internal static List<(long Start, long End)> InclusionRanges(long index, long size)
    {
        var ranges = new List<(long Start, long End)>();
        long start = 0;
        var end = size;
        while (end - start > 1)
        {
            var k = SplitPoint(end - start);
            if (index - start < k)
            {
                ranges.Add((start + k, end));
                end = start + k;
            }
            else
            {
                ranges.Add((start, start + k));
                start += k;
            }
        }

        ranges.Reverse();
        return ranges;
    }

    /// <summary>The leaf ranges [Start, End) whose tree roots make up PROOF(first, D[second]), deepest first.</summary>
    internal static List<(long Start, long End)> ConsistencyRanges(long first, long second)
    {
        var ranges = new List<(long Start, long End)>();
        if (first == 0 || first == second)
        {
            return ranges;
        }

        long start = 0;
        var end = second;
        var m = first;
        var whole = true;
        while (true)
        {
            if (m == end - start)
            {
                if (!whole)
                {
                    ranges.Add((start, end));
                }

                break;
            }

            var k = SplitPoint(end - start);
            if (m <= k)
            {
                ranges.Add((start + k, end));
                end = start + k;
            }
            else
            {
                ranges.Add((start, start + k));
                m -= k;
                start += k;
                whole = false;
            }
        }

        ranges.Reverse();
        return ranges;
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): where RFC 6962 splits a tree.</summary>
    internal static long SplitPoint(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    private static Hash256 RangeRoot(IReadOnlyList<Hash256> leaves, long start, long end)
    {
        if (end - start == 1)
        {
            return leaves[checked((int)start)];
        }

        var k = SplitPoint(end - start);
        return MerkleHasher.NodeHash(RangeRoot(leaves, start, start + k), RangeRoot(leaves, start + k, end));
    }
}
