using System.Collections.Immutable;
using FileFlow.Audit;
using FileFlow.Records;

namespace FileFlow.Tests.Audit;

public sealed class MerkleVectorTests
{
    private static readonly MerkleVectors V = MerkleVectors.Instance;

    public static TheoryData<int> LeafIndexes => [.. Enumerable.Range(0, 8)];

    public static TheoryData<long> Sizes => [.. V.Roots.Keys];

    public static TheoryData<int> InclusionCases => [.. Enumerable.Range(0, V.Inclusion.Length)];

    public static TheoryData<int> ConsistencyCases => [.. Enumerable.Range(0, V.Consistency.Length)];

    [Fact]
    public void Vectors_Loaded_HaveEightLeavesAndEveryRoot()
    {
        V.Leaves.Should().HaveCount(8);
        V.Roots.Keys.Should().BeEquivalentTo(Enumerable.Range(1, 8).Select(i => (long)i));
        V.Inclusion.Should().NotBeEmpty();
        V.Consistency.Should().NotBeEmpty();
    }

    [Fact]
    public void EmptyRoot_IsSha256OfEmptyString()
    {
        MerkleHasher.EmptyRoot.Should().Be(V.EmptyRoot);
        new MerkleLogBuilder().RootHash.Should().Be(V.EmptyRoot);
        MerkleTree.ComputeRoot(V.LeafHashes, 0).Should().Be(V.EmptyRoot);
    }

    [Theory]
    [MemberData(nameof(LeafIndexes))]
    public void LeafHash_VectorLeaf_MatchesKnownAnswer(int index)
    {
        MerkleHasher.LeafHash(V.Leaves[index]).Should().Be(V.LeafHashes[index]);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ComputeRoot_EverySize_MatchesKnownAnswer(long size)
    {
        MerkleTree.ComputeRoot(V.LeafHashes, size).Should().Be(V.Roots[size]);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Builder_AppendingLeaves_GivesKnownRootAtEverySize(long size)
    {
        var builder = new MerkleLogBuilder();
        for (var i = 0; i < size; i++)
        {
            builder.AppendLeaf(V.Leaves[i]);
        }

        builder.Head.Should().Be(new TreeHead(size, V.Roots[size]));
    }

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void CreateInclusionProof_Vector_MatchesKnownPath(int n)
    {
        var (index, size, path) = V.Inclusion[n];
        var proof = MerkleTree.CreateInclusionProof(V.LeafHashes, index, size);
        proof.Path.Should().Equal(path);
        proof.Should().Be(new InclusionProof(index, size, [.. path]));
    }

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void VerifyInclusion_Vector_VerifiesAndRejectsOtherLeaves(int n)
    {
        var (index, size, path) = V.Inclusion[n];
        var proof = new InclusionProof(index, size, [.. path]);
        MerkleTree.VerifyInclusion(proof, V.LeafHashes[index], V.Roots[size]).Should().BeTrue();
        for (var other = 0; other < 8; other++)
        {
            if (V.LeafHashes[other] != V.LeafHashes[index])
            {
                MerkleTree.VerifyInclusion(proof, V.LeafHashes[other], V.Roots[size]).Should().BeFalse();
            }
        }

        MerkleTree.VerifyInclusion(proof, V.LeafHashes[index], V.EmptyRoot).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void CreateConsistencyProof_Vector_MatchesKnownProof(int n)
    {
        var (size1, size2, expected) = V.Consistency[n];
        MerkleTree.CreateConsistencyProof(V.LeafHashes, size1, size2).Path.Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void VerifyConsistency_Vector_VerifiesAndRejectsWrongRoots(int n)
    {
        var (size1, size2, expected) = V.Consistency[n];
        var proof = new ConsistencyProof(size1, size2, [.. expected]);
        MerkleTree.VerifyConsistency(proof, V.Roots[size1], V.Roots[size2]).Should().BeTrue();
        var wrongFirst = V.Roots[size1 == 1 ? 2 : 1];
        MerkleTree.VerifyConsistency(proof, wrongFirst, V.Roots[size2]).Should().BeFalse();
        var wrongSecond = V.Roots[size2 == 8 ? 7 : 8];
        MerkleTree.VerifyConsistency(proof, V.Roots[size1], wrongSecond).Should().BeFalse();
    }

    [Fact]
    public void Hasher_ExtraPrimitiveVectors_MatchKnownAnswers()
    {
        var hasher = V.Extra.GetProperty("hasher").EnumerateArray().ToArray();
        hasher.Should().HaveCount(2);
        var leaf = hasher.Single(h => h.GetProperty("op").GetString() == "leaf");
        MerkleHasher.LeafHash(Convert.FromHexString(leaf.GetProperty("input_hex").GetString()!))
            .Should().Be(Hash256.Parse(leaf.GetProperty("hash_hex").GetString()!));

        // The children vector hashes arbitrary-length inputs, so check it through the raw 0x01 ‖ left ‖ right definition.
        var children = hasher.Single(h => h.GetProperty("op").GetString() == "children");
        byte[] input = [0x01, .. Convert.FromHexString(children.GetProperty("left_hex").GetString()!), .. Convert.FromHexString(children.GetProperty("right_hex").GetString()!)];
        Hash256.Compute(input).Should().Be(Hash256.Parse(children.GetProperty("hash_hex").GetString()!));
    }

    [Fact]
    public void VerifyInclusion_RealCertificateTransparencyLogProof_Verifies()
    {
        var real = V.Extra.GetProperty("real_log_inclusion");
        var leafHash = MerkleHasher.LeafHash(Convert.FromHexString(real.GetProperty("leaf_hex").GetString()!));
        leafHash.Should().Be(Hash256.Parse(real.GetProperty("leaf_hash_hex").GetString()!));
        var proof = new InclusionProof(real.GetProperty("index").GetInt64(), real.GetProperty("size").GetInt64(), [.. MerkleVectors.Hashes(real.GetProperty("path_hex"))]);
        var root = Hash256.Parse(real.GetProperty("root_hex").GetString()!);

        proof.Verify(leafHash, root).Should().BeTrue();
        new InclusionProof(proof.LeafIndex + 1, proof.TreeSize, proof.Path).Verify(leafHash, root).Should().BeFalse();
        new InclusionProof(proof.LeafIndex, proof.LeafIndex + 1, proof.Path).Verify(leafHash, root).Should().BeFalse();
        new InclusionProof(proof.LeafIndex, proof.TreeSize * 2, proof.Path).Verify(leafHash, root).Should().BeFalse();
        new InclusionProof(proof.LeafIndex, proof.TreeSize, proof.Path.RemoveAt(proof.Path.Length - 1)).Verify(leafHash, root).Should().BeFalse();
    }

    [Fact]
    public void VerifyConsistency_EqualSizesOrEmptyFirst_NeedEmptyProof()
    {
        new ConsistencyProof(4, 4, []).Verify(V.Roots[4], V.Roots[4]).Should().BeTrue();
        new ConsistencyProof(4, 4, []).Verify(V.Roots[4], V.Roots[5]).Should().BeFalse();
        new ConsistencyProof(4, 4, [V.Roots[4]]).Verify(V.Roots[4], V.Roots[4]).Should().BeFalse();
        new ConsistencyProof(0, 5, []).Verify(V.EmptyRoot, V.Roots[5]).Should().BeTrue();
        new ConsistencyProof(0, 5, [V.Roots[4]]).Verify(V.EmptyRoot, V.Roots[5]).Should().BeFalse();
        new ConsistencyProof(2, 5, ImmutableArray<Hash256>.Empty).Verify(V.Roots[2], V.Roots[5]).Should().BeFalse();
        MerkleTree.CreateConsistencyProof(V.LeafHashes, 0, 8).Path.Should().BeEmpty();
    }
}
