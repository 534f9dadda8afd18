using System.Text.Json;
using FileFlow.Records;

namespace FileFlow.Tests.Audit;

/// <summary>The RFC 6962 known-answer vectors from /work/shared/vectors, copied next to the tests.</summary>
internal sealed class MerkleVectors
{
    private MerkleVectors(JsonElement root)
    {
        Leaves = root.GetProperty("leaves_hex").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!)).ToArray();
        LeafHashes = root.GetProperty("leaf_hashes_hex").EnumerateArray().Select(e => Hash256.Parse(e.GetString()!)).ToArray();
        Roots = root.GetProperty("roots").EnumerateArray().ToDictionary(e => e.GetProperty("size").GetInt64(), e => Hash256.Parse(e.GetProperty("root_hex").GetString()!));
        Inclusion = root.GetProperty("inclusion").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt64(), e.GetProperty("size").GetInt64(), Hashes(e.GetProperty("path_hex")))).ToArray();
        Consistency = root.GetProperty("consistency").EnumerateArray()
            .Select(e => (e.GetProperty("size1").GetInt64(), e.GetProperty("size2").GetInt64(), Hashes(e.GetProperty("proof_hex")))).ToArray();
        EmptyRoot = Hash256.Parse(root.GetProperty("empty_root_hex").GetString()!);
        Extra = root.GetProperty("extra");
    }

    public static MerkleVectors Instance { get; } = Load();

    public byte[][] Leaves { get; }

    public Hash256[] LeafHashes { get; }

    public Dictionary<long, Hash256> Roots { get; }

    public (long Index, long Size, Hash256[] Path)[] Inclusion { get; }

    public (long Size1, long Size2, Hash256[] Proof)[] Consistency { get; }

    public Hash256 EmptyRoot { get; }

    public JsonElement Extra { get; }

    public static Hash256[] Hashes(JsonElement array) => array.EnumerateArray().Select(e => Hash256.Parse(e.GetString()!)).ToArray();

    private static MerkleVectors Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Audit", "Vectors", "rfc6962-merkle.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new MerkleVectors(document.RootElement.Clone());
    }
}
