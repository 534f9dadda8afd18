using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FileFlow.Signing;

namespace FileFlow.Tests.Audit;

/// <summary>What an insider holding a bundle signing key does after editing an unpacked bundle: writes the edited manifest, then re-makes
/// SHA256SUMS (every listed file, then the manifest and its signature) and both CMS signatures, so every check the key vouches for holds.</summary>
internal static class BundleForgery
{
    public static async Task ReSignAsync(string bundle, JsonNode manifest, ISigner signer)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
        await File.WriteAllBytesAsync(Path.Combine(bundle, "manifest.json"), bytes);
        var exportedAt = (DateTimeOffset)manifest["exportedAt"]!;
        await File.WriteAllBytesAsync(Path.Combine(bundle, "manifest.p7s"), (await signer.SignAsync(bytes, exportedAt)).Value);
        var sums = new System.Text.StringBuilder();
        foreach (var file in manifest["files"]!.AsArray())
        {
            sums.Append((string)file!["sha256"]!).Append("  ").Append((string)file["path"]!).Append('\n');
        }

        foreach (var name in new[] { "manifest.json", "manifest.p7s" })
        {
            sums.Append(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(bundle, name))))).Append("  ").Append(name).Append('\n');
        }

        var sumsBytes = System.Text.Encoding.ASCII.GetBytes(sums.ToString());
        await File.WriteAllBytesAsync(Path.Combine(bundle, "SHA256SUMS"), sumsBytes);
        await File.WriteAllBytesAsync(Path.Combine(bundle, "SHA256SUMS.p7s"), (await signer.SignAsync(sumsBytes, exportedAt)).Value);
    }
}
