using System.Text.Json;
using System.Text.Json.Serialization;

namespace FileFlow.Audit;

/// <summary>The <c>manifest.json</c> of a certified copy: the file, who certified it, every released document and record, and the SHA-256 of every file.</summary>
/// <remarks>Signed by the public information officer (detached CMS in <c>manifest.p7s</c>); <c>SHA256SUMS</c> and the file list are written as for a bundle (<see cref="BundleManifest.Checksums"/>).</remarks>
internal sealed class CertifiedCopyManifest
{
    public const string FormatVersion = "fileflow-certified-copy/v1";
    public const string WithheldName = "withheld.json";
    public const string HtmlName = "copy.html";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Format { get; init; } = string.Empty;

    public string File { get; init; } = string.Empty;

    public string? Reference { get; init; }

    public string? Subject { get; init; }

    public string? Request { get; init; }

    public DateTimeOffset CertifiedAt { get; init; }

    public string Officer { get; init; } = string.Empty;

    public string Post { get; init; } = string.Empty;

    public string Clearance { get; init; } = string.Empty;

    public string SignerKeyId { get; init; } = string.Empty;

    public string Signature { get; init; } = BundleManifest.SignatureName;

    public string Withheld { get; init; } = WithheldName;

    public string Html { get; init; } = HtmlName;

    public List<CopyDocument> Documents { get; init; } = [];

    public List<BundleCertificate> Certificates { get; init; } = [];

    public List<BundleFile> Files { get; init; } = [];

    public static CertifiedCopyManifest Parse(byte[] json)
    {
        CertifiedCopyManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CertifiedCopyManifest>(json, Json);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"{BundleManifest.FileName} is not valid JSON: {e.Message}", e);
        }

        if (manifest is null || manifest.Format != FormatVersion)
        {
            throw new BundleFormatException($"{BundleManifest.FileName} says format '{manifest?.Format}'; a certified copy of this FileFlow is '{FormatVersion}'.");
        }

        return manifest;
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static byte[] WithheldToJson(IEnumerable<CopyWithheld> withheld) => JsonSerializer.SerializeToUtf8Bytes(withheld, Json);

    public static List<CopyWithheld> ParseWithheld(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<CopyWithheld>>(json, Json) ?? throw new BundleFormatException($"{WithheldName} is empty.");
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"{WithheldName} is not valid JSON: {e.Message}", e);
        }
    }
}

/// <summary>One released document of a certified copy and its records.</summary>
internal sealed class CopyDocument
{
    public string Id { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string? Reference { get; init; }

    public string? State { get; init; }

    /// <summary>Paragraphs of this noting withheld: its text is then given only in <c>copy.html</c>, without them, and no record's content is carried.</summary>
    public List<int>? WithheldParagraphs { get; init; }

    public List<CopyRecord> Records { get; init; } = [];
}

/// <summary>One released record: its files and the facts openssl needs.</summary>
internal sealed class CopyRecord
{
    public long Sequence { get; init; }

    public string Trigger { get; init; } = string.Empty;

    public string Actor { get; init; } = string.Empty;

    public DateTimeOffset OccurredAt { get; init; }

    public long SigningTimeUnix { get; init; }

    public string Record { get; init; } = string.Empty;

    public string Sha256 { get; init; } = string.Empty;

    public int? PreviousHashOffset { get; init; }

    public int? ContentHashOffset { get; init; }

    public string Signature { get; init; } = string.Empty;

    public string SignatureAlgorithm { get; init; } = string.Empty;

    public string? Content { get; init; }
}

/// <summary>One withheld part in <c>withheld.json</c>, with the file's withholding record that withholds it.</summary>
internal sealed class CopyWithheld
{
    public string Document { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public int? Paragraph { get; init; }

    public string Section { get; init; } = string.Empty;

    public string Reason { get; init; } = string.Empty;

    public string WithheldBy { get; init; } = string.Empty;

    public DateTimeOffset WithheldAt { get; init; }

    public long Sequence { get; init; }

    public string Record { get; init; } = string.Empty;
}
