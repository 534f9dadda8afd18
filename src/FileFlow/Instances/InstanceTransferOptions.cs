using System.Security.Cryptography.X509Certificates;
using FileFlow.Audit;
using FileFlow.Organisation;
using FileFlow.Signing;

namespace FileFlow.Instances;

/// <summary>Settings of <see cref="InstanceTransfers"/>: the shared folder files travel through, who signs the bundles sent, and which instances are trusted.</summary>
/// <remarks>
/// A bundle is accepted only from an instance named in <see cref="TrustedLogs"/>: its checkpoint must be of that instance's log (origin = the instance's
/// name) and signed by its log key, and every record and the manifest must chain to one of <see cref="TrustAnchors"/>. Name this instance too, so that its
/// own records coming back are checked the same way. <see cref="InstanceTrustDirectory"/> fills both from a folder of certificates.
/// </remarks>
public sealed class InstanceTransferOptions
{
    /// <summary>Gets or sets the shared folder: a bundle for instance <c>X</c> is written (atomically, under a temporary name first) to <c>Folder/X/</c>.</summary>
    /// <value><see langword="null"/> by default; required.</value>
    public string? Folder { get; set; }

    /// <summary>Gets or sets the CMS signer of the bundles' manifests: this instance's export service certificate.</summary>
    /// <value><see langword="null"/> by default; required to send.</value>
    public ISigner? ManifestSigner { get; set; }

    /// <summary>Gets or sets this instance's log key, which signs the checkpoint each bundle proves its records against; its origin is the instance's name.</summary>
    /// <value><see langword="null"/> by default; required to send.</value>
    public ISigner? LogSigner { get; set; }

    /// <summary>Gets the root certificates of every trusted instance, this one's included.</summary>
    /// <value>Empty by default.</value>
    public IList<X509Certificate2> TrustAnchors { get; } = [];

    /// <summary>Gets the verifier of each trusted instance's signed checkpoints, by instance name.</summary>
    /// <value>Empty by default: no bundle is accepted.</value>
    public IDictionary<string, ICheckpointVerifier> TrustedLogs { get; } = new Dictionary<string, ICheckpointVerifier>(StringComparer.Ordinal);

    /// <summary>Gets or sets how a signer certificate names its FileFlow officer, as in the deployment's trust options.</summary>
    /// <value><see langword="null"/> by default: the certificate subject's UID.</value>
    public Func<X509Certificate2, OfficerId?>? OfficerResolver { get; set; }

    /// <summary>Gets or sets the clock that stamps the bundles' checkpoints and manifests.</summary>
    /// <value><see cref="TimeProvider.System"/> by default.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
