using System.Security.Cryptography;
using System.Text;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace FileFlow.Audit;

/// <summary>The last step of writing a bundle or a certified copy: every file listed in the manifest, the manifest and <c>SHA256SUMS</c> signed with CMS, then written.</summary>
internal static class BundleSeal
{
    /// <summary>Lists <paramref name="files"/> in the manifest, adds the manifest, its CMS signature, <c>SHA256SUMS</c> of everything and that
    /// file's signature, and writes them all to <paramref name="path"/> (a folder, or a .zip).</summary>
    /// <param name="path">The folder, or a path ending in .zip.</param>
    /// <param name="files">The files so far; the manifest, <c>SHA256SUMS</c> and their signatures are added to it.</param>
    /// <param name="listed">The manifest's list of files, filled from <paramref name="files"/> before the manifest is serialised.</param>
    /// <param name="manifestJson">Serialises the manifest, once its list is filled.</param>
    /// <param name="signer">The CMS signer of the manifest and <c>SHA256SUMS</c>.</param>
    /// <param name="at">The signing time, also the archive entries' time.</param>
    /// <param name="what">What is sealed, for the error, e.g. "a bundle's manifest".</param>
    /// <param name="cancellationToken">Cancels the signing and the writing.</param>
    /// <exception cref="ArgumentException">The signer does not make CMS signatures, which openssl and the root alone could not check.</exception>
    public static async Task SealAsync(
        string path, List<KeyValuePair<string, byte[]>> files, List<BundleFile> listed, Func<byte[]> manifestJson, ISigner signer, DateTimeOffset at, string what, CancellationToken cancellationToken)
    {
        listed.AddRange(files.Select(f => new BundleFile { Path = f.Key, Sha256 = Sha256(f.Value), Length = f.Value.Length }));
        var manifestBytes = manifestJson();
        files.Add(new(BundleManifest.FileName, manifestBytes));
        var signature = await signer.SignAsync(manifestBytes, at, cancellationToken).ConfigureAwait(false);
        if (signature.Algorithm != CmsSigner.AlgorithmName)
        {
            throw new ArgumentException($"The signer made a '{signature.Algorithm}' signature; {what} is signed with CMS so that openssl and the root alone can check it.", "options");
        }

        files.Add(new(BundleManifest.SignatureName, signature.Value));
        var sums = Encoding.ASCII.GetBytes(BundleManifest.Checksums(files.Select(f => (f.Key, Sha256(f.Value)))));
        files.Add(new(BundleManifest.ChecksumsName, sums));
        // SHA256SUMS is signed too, so that openssl and coreutils alone check that the folder holds exactly the files the signer vouches for.
        files.Add(new(BundleManifest.ChecksumsSignatureName, (await signer.SignAsync(sums, at, cancellationToken).ConfigureAwait(false)).Value));
        await BundleArchive.WriteAsync(path, files, at, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The lower-case hex SHA-256 of <paramref name="bytes"/>, as manifests and <c>SHA256SUMS</c> list it.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
