using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;
using FileFlow.Signing;

namespace FileFlow.Audit;

/// <summary>What the auditor brings to <see cref="BundleVerifier.VerifyAsync"/>: the trust anchors, and optionally the log's key or a checkpoint kept elsewhere.</summary>
/// <remarks>Nothing in the bundle is trusted: certificates chain to <see cref="TrustAnchors"/> only, and the bundle's CRLs count only when their issuer signed them.</remarks>
public sealed class BundleVerificationOptions
{
    /// <summary>Gets the trust anchors, normally the one root certificate of the certifying authority.</summary>
    /// <value>Empty by default; at least one is required unless <see cref="SignatureVerifier"/> is set.</value>
    public IList<X509Certificate2> TrustAnchors { get; } = [];

    /// <summary>Gets DER-encoded CRLs the auditor has fetched independently, consulted with those in the bundle.</summary>
    /// <value>Empty by default.</value>
    public IList<byte[]> AdditionalCrls { get; } = [];

    /// <summary>Gets or sets the SHA-256 thumbprint (<see cref="Signing.Certificates.CertificateKeyId"/>) of the certificate that must have signed the manifest, when the auditor knows the office's export certificate.</summary>
    /// <value><see langword="null"/> by default: any certificate that chains to <see cref="TrustAnchors"/>, was valid and unrevoked at export and may sign is accepted.</value>
    public string? ManifestSignerKeyId { get; set; }

    /// <summary>Gets or sets the verifier of the log's key; when set, the bundle's checkpoint must carry a valid signature of it.</summary>
    /// <value><see langword="null"/> by default: the checkpoint's signature is not checked.</value>
    public ICheckpointVerifier? CheckpointVerifier { get; set; }

    /// <summary>Gets or sets a checkpoint kept outside the bundle; when set, the bundle's checkpoint must be the same (origin, size and root).</summary>
    /// <value><see langword="null"/> by default.</value>
    public Checkpoint? TrustedCheckpoint { get; set; }

    /// <summary>Gets or sets the organisation chart; when set, each actor's authority to act for the recorded post is checked too.</summary>
    /// <value><see langword="null"/> by default: an auditor outside the office seldom has it.</value>
    public OrganisationChart? Organisation { get; set; }

    /// <summary>Gets or sets how a signer certificate names its FileFlow officer, as in the deployment's trust options.</summary>
    /// <value><see langword="null"/> by default: the certificate subject's UID.</value>
    public Func<X509Certificate2, OfficerId?>? OfficerResolver { get; set; }

    /// <summary>Gets or sets a signature verifier to use instead of certificates (for bundles of raw-key signatures).</summary>
    /// <value><see langword="null"/> by default: CMS signatures are checked against <see cref="TrustAnchors"/> and the CRLs.</value>
    public ISignatureVerifier? SignatureVerifier { get; set; }
}
