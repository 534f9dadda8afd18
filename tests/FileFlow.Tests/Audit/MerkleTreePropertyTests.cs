using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using FileFlow.Audit;
using FileFlow.Records;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace FileFlow.Tests.Audit;

public sealed class MerkleTreePropertyTests(ITestOutputHelper output)
{
    private const int MaxLeaves = 3000;

    private static readonly Hash256[] Leaves = [.. Enumerable.Range(0, MaxLeaves).Select(i => MerkleHasher.LeafHash(BitConverter.GetBytes(i * 7919)))];

    [Fact]
    public void Builder_EverySizeTo300_MatchesReferenceAndComputeRoot()
    {
        var builder = new MerkleLogBuilder();
        for (var n = 1; n <= 300; n++)
        {
            builder.AppendLeafHash(Leaves[n - 1]);
            var expected = ReferenceRoot(Leaves.AsSpan(0, n));
            builder.RootHash.Should().Be(expected, "size {0}", n);
            MerkleTree.ComputeRoot(Leaves, n).Should().Be(expected, "size {0}", n);
        }
    }

    [Fact]
    public void Proofs_EveryIndexAndSizeTo40_VerifyAndEveryMutationFails()
    {
        for (var n = 1; n <= 40; n++)
        {
            var root = MerkleTree.ComputeRoot(Leaves, n);
            for (var m = 0; m < n; m++)
            {
                var inclusion = MerkleTree.CreateInclusionProof(Leaves, m, n);
                inclusion.Verify(Leaves[m], root).Should().BeTrue("inclusion {0} of {1}", m, n);
                foreach (var bad in Mutations(inclusion.Path))
                {
                    new InclusionProof(m, n, bad).Verify(Leaves[m], root).Should().BeFalse("mutated inclusion {0} of {1}", m, n);
                }

                new InclusionProof((m + 1) % n, n, inclusion.Path).Verify(Leaves[m], root).Should().Be(n == 1, "wrong index {0} of {1}", m, n);
            }

            for (var m = 0; m <= n; m++)
            {
                var first = MerkleTree.ComputeRoot(Leaves, m);
                var consistency = MerkleTree.CreateConsistencyProof(Leaves, m, n);
                consistency.Verify(first, root).Should().BeTrue("consistency {0} to {1}", m, n);
                foreach (var bad in Mutations(consistency.Path))
                {
                    new ConsistencyProof(m, n, bad).Verify(first, root).Should().BeFalse("mutated consistency {0} to {1}", m, n);
                }
            }
        }
    }

    [Property(MaxTest = 150)]
    public bool Proofs_RandomSizes_VerifyAndMutatedFail(ushort sizeSeed, ushort indexSeed, ushort firstSeed, byte bitSeed)
    {
        var n = (sizeSeed % MaxLeaves) + 1;
        var index = indexSeed % n;
        var firstSize = firstSeed % (n + 1);
        var root = MerkleTree.ComputeRoot(Leaves, n);
        var firstRoot = MerkleTree.ComputeRoot(Leaves, firstSize);
        var inclusion = MerkleTree.CreateInclusionProof(Leaves, index, n);
        var consistency = MerkleTree.CreateConsistencyProof(Leaves, firstSize, n);

        var ok = inclusion.Verify(Leaves[index], root) && consistency.Verify(firstRoot, root);
        if (!inclusion.Path.IsEmpty)
        {
            var flipped = Flip(inclusion.Path, bitSeed % inclusion.Path.Length, bitSeed);
            ok &= !new InclusionProof(index, n, flipped).Verify(Leaves[index], root);
        }

        if (!consistency.Path.IsEmpty)
        {
            var flipped = Flip(consistency.Path, bitSeed % consistency.Path.Length, bitSeed);
            ok &= !new ConsistencyProof(firstSize, n, flipped).Verify(firstRoot, root);
        }

        var otherLeaf = Leaves[(index + 1) % MaxLeaves];
        return ok && !inclusion.Verify(otherLeaf, root);
    }

    [Fact]
    public void Builder_MillionLeaves_MatchesRecursiveRootAndReportsThroughput()
    {
        const int Count = 1_000_000;
        var leaf = new byte[300];
        var builder = new MerkleLogBuilder();
        var hashes = new List<Hash256>(Count);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            BitConverter.TryWriteBytes(leaf, i);
            builder.AppendLeaf(leaf);
        }

        watch.Stop();
        output.WriteLine($"MerkleLogBuilder: {Count:N0} leaves of {leaf.Length} bytes in {watch.ElapsedMilliseconds} ms = {Count / watch.Elapsed.TotalSeconds:N0} leaves/s");

        for (var i = 0; i < Count; i++)
        {
            BitConverter.TryWriteBytes(leaf, i);
            hashes.Add(MerkleHasher.LeafHash(leaf));
        }

        builder.Head.Should().Be(new TreeHead(Count, MerkleTree.ComputeRoot(hashes, Count)));
    }

    private static IEnumerable<ImmutableArray<Hash256>> Mutations(ImmutableArray<Hash256> path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            yield return Flip(path, i, i);
        }

        if (!path.IsEmpty)
        {
            yield return path.RemoveAt(path.Length - 1);
            yield return path.RemoveAt(0);
        }

        yield return path.Add(Leaves[0]);
        yield return path.Insert(0, Leaves[1]);
    }

    private static ImmutableArray<Hash256> Flip(ImmutableArray<Hash256> path, int index, int bit)
    {
        var bytes = path[index].ToArray();
        bytes[bit % Hash256.Length] ^= (byte)(1 << (bit % 8));
        return path.SetItem(index, Hash256.FromBytes(bytes));
    }

    /// <summary>MTH of RFC 6962 §2.1, written from the definition with plain SHA-256, independent of the code under test.</summary>
    private static Hash256 ReferenceRoot(ReadOnlySpan<Hash256> leaves)
    {
        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = 1;
        while (k * 2 < leaves.Length)
        {
            k *= 2;
        }

        byte[] node = [0x01, .. ReferenceRoot(leaves[..k]).ToArray(), .. ReferenceRoot(leaves[k..]).ToArray()];
        return Hash256.FromBytes(SHA256.HashData(node));
    }
}
