using System.Security.Cryptography.X509Certificates;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using CmsTime = Org.BouncyCastle.Asn1.Cms.Time;
using Org.BouncyCastle.Cms;

namespace FileFlow.Cli.Infrastructure;

/// <summary>The organisation file's detached CMS signature (<c>&lt;org&gt;.p7s</c>) by a certificate the root gave the Organisation role:
/// an edited organisation (an assignment added, say) no longer matches it, and nobody without that key can re-sign it.</summary>
internal static class OrganisationSignature
{
    public static string PathOf(string organisationPath) => organisationPath + ".p7s";

    /// <summary>Signs the organisation file's exact bytes and writes the signature beside it, whole or not at all.</summary>
    public static async Task SignAsync(string organisationPath, ISigner signer, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(organisationPath, cancellationToken).ConfigureAwait(false);
        var signature = await signer.SignAsync(bytes, at, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllBytesAsync(PathOf(organisationPath), signature.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the organisation file against its signature and <paramref name="root"/>; throws a <see cref="CliException"/> (exit 1) naming the
    /// file when it is unsigned or does not match, unless <paramref name="allowUnsigned"/> (then returns a warning, or null when it holds).</summary>
    public static string? Check(string organisationPath, X509Certificate2 root, bool allowUnsigned)
    {
        var problem = Problem(organisationPath, root);
        if (problem is null)
        {
            return null;
        }

        return allowUnsigned
            ? $"organisation '{organisationPath}' is not vouched for ({problem}); accepted: --allow-unsigned-org"
            : throw new CliException(
                $"verification failed: organisation '{organisationPath}' is not vouched for: {problem}; an edited organisation could grant authority nobody granted (pass --allow-unsigned-org to accept it)",
                ExitCodes.CheckFailed);
    }

    private static string? Problem(string organisationPath, X509Certificate2 root)
    {
        var signaturePath = PathOf(organisationPath);
        if (!File.Exists(signaturePath))
        {
            return $"it is unsigned: no signature at '{signaturePath}'";
        }

        var content = File.ReadAllBytes(organisationPath);
        var signature = File.ReadAllBytes(signaturePath);
        DateTimeOffset signedAt;
        try
        {
            var cms = new CmsSignedData(new CmsProcessableByteArray(content), signature);
            var signer = cms.GetSignerInfos().GetSigners().Single();
            var attribute = signer.SignedAttributes?[Org.BouncyCastle.Asn1.Cms.CmsAttributes.SigningTime] ?? throw new FormatException("the signature has no signing time");
            signedAt = new DateTimeOffset(DateTime.SpecifyKind(CmsTime.GetInstance(attribute.AttrValues[0]).ToDateTime(), DateTimeKind.Utc));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"its signature '{signaturePath}' is not a detached CMS signature: {e.Message}";
        }

        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(root);
        var check = new CertificateSignatureVerifier(trust).VerifyDetached(content, new RecordSignature(CmsSigner.AlgorithmName, signature), signedAt, ServiceRole.Organisation);
        return check.IsValid ? null : $"its signature '{Path.GetFileName(signaturePath)}' does not hold: {check.Failure}: {check.Reason}";
    }
}
