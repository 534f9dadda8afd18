using System.Text.Json;
using System.Text.Json.Serialization;

namespace FileFlow.Audit;

/// <summary>The <c>manifest.json</c> of an export bundle: every document of the file with its head, every record, the checkpoint, and the SHA-256 of every file.</summary>
/// <remarks>Signed (detached CMS in <c>manifest.p7s</c>), so it commits the bundle to its complete content; the records it lists are still re-checked one by one.</remarks>
internal sealed class BundleManifest
{
    /// <summary>The format of a bundle whose checkpoint commits to the document heads: each document has a <see cref="BundleDocument.HeadProof"/>.</summary>
    public const string FormatVersion = "fileflow-bundle/v4";

    /// <summary>The format of a bundle proved against a checkpoint of the log alone (still read).</summary>
    public const string FormatVersionWithoutHeads = "fileflow-bundle/v3";
    public const string FileName = "manifest.json";
    public const string SignatureName = "manifest.p7s";
    public const string ReadmeName = "README.txt";
    public const string ChecksumsName = "SHA256SUMS";
    public const string ChecksumsSignatureName = "SHA256SUMS.p7s";
    public const string CheckpointName = "checkpoint.txt";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Format { get; init; } = string.Empty;

    public string File { get; init; } = string.Empty;

    public string? Reference { get; init; }

    public string? Subject { get; init; }

    public DateTimeOffset ExportedAt { get; init; }

    public string Checkpoint { get; init; } = CheckpointName;

    public string CheckpointOrigin { get; init; } = string.Empty;

    public long CheckpointTreeSize { get; init; }

    public string CheckpointRootHash { get; init; } = string.Empty;

    public string Signature { get; init; } = SignatureName;

    public string SignerKeyId { get; init; } = string.Empty;

    public List<BundleDocument> Documents { get; init; } = [];

    public List<BundleCertificate> Certificates { get; init; } = [];

    public List<BundleCrl> Crls { get; init; } = [];

    public List<BundleFile> Files { get; init; } = [];

    public static BundleManifest Parse(byte[] json)
    {
        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BundleManifest>(json, Json);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"{FileName} is not valid JSON: {e.Message}", e);
        }

        if (manifest is null)
        {
            throw new BundleFormatException($"{FileName} is empty.");
        }

        if (manifest.Format != FormatVersion && manifest.Format != FormatVersionWithoutHeads)
        {
            throw new BundleFormatException($"{FileName} says format '{manifest.Format}'; this FileFlow reads '{FormatVersion}' and '{FormatVersionWithoutHeads}'.");
        }

        return manifest;
    }

    /// <summary>The exact <c>SHA256SUMS</c> text of a bundle with this manifest: every listed file, then the manifest and its signature, one
    /// <c>sha256sum</c> line each in that order. <c>SHA256SUMS</c> and its own signature are the only files it does not list.</summary>
    public static string Checksums(IEnumerable<(string Path, string Sha256)> files)
    {
        var sums = new System.Text.StringBuilder();
        foreach (var (path, sha256) in files)
        {
            sums.Append(sha256).Append("  ").Append(path).Append('\n');
        }

        return sums.ToString();
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}

/// <summary>One document in a bundle and its records.</summary>
internal sealed class BundleDocument
{
    public string Id { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string? Reference { get; init; }

    public string? State { get; init; }

    public string? Parent { get; init; }

    public long HeadSequence { get; init; } = -1;

    public string HeadHash { get; init; } = string.Empty;

    /// <summary>The inclusion proof of the document's head leaf (<see cref="DocumentHeads"/>) under the checkpoint's heads root, in v4 bundles.</summary>
    public string? HeadProof { get; init; }

    public List<BundleRecord> Records { get; init; } = [];
}

/// <summary>One record in a bundle: where its files are and the facts an auditor with a shell needs.</summary>
internal sealed class BundleRecord
{
    public long Sequence { get; init; }

    public long Position { get; init; }

    public string Trigger { get; init; } = string.Empty;

    public string Actor { get; init; } = string.Empty;

    public DateTimeOffset OccurredAt { get; init; }

    public long SigningTimeUnix { get; init; }

    public string Record { get; init; } = string.Empty;

    public string Sha256 { get; init; } = string.Empty;

    public string PreviousHash { get; init; } = string.Empty;

    public int? PreviousHashOffset { get; init; }

    public string? ContentHash { get; init; }

    public int? ContentHashOffset { get; init; }

    public string Signature { get; init; } = string.Empty;

    public string SignatureAlgorithm { get; init; } = string.Empty;

    public string SignerKeyId { get; init; } = string.Empty;

    public string? Content { get; init; }

    public string Proof { get; init; } = string.Empty;
}

/// <summary>A certificate carried in the bundle.</summary>
internal sealed class BundleCertificate
{
    public string Path { get; init; } = string.Empty;

    public string Sha256 { get; init; } = string.Empty;

    public string Subject { get; init; } = string.Empty;

    public string Issuer { get; init; } = string.Empty;
}

/// <summary>A CRL carried in the bundle.</summary>
internal sealed class BundleCrl
{
    public string Path { get; init; } = string.Empty;

    public string Issuer { get; init; } = string.Empty;
}

/// <summary>A file of the bundle and its SHA-256.</summary>
internal sealed class BundleFile
{
    public string Path { get; init; } = string.Empty;

    public string Sha256 { get; init; } = string.Empty;

    public long Length { get; init; }
}
