using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;

namespace FileFlow.Signing.Certificates;

/// <summary>Settings of a <see cref="CertificateSignatureVerifier"/>: the roots it trusts, the CRLs it knows, and how a certificate names its officer.</summary>
/// <remarks>Read once when the verifier is built; later changes have no effect on it.</remarks>
public sealed class CertificateTrustOptions
{
    /// <summary>Gets the trust anchors: root (or directly trusted intermediate) certificates, for example the CCA root.</summary>
    /// <value>Empty by default; at least one is required.</value>
    public IList<X509Certificate2> TrustAnchors { get; } = [];

    /// <summary>Gets the DER-encoded CRLs consulted for revocation; a CRL is used only when its issuer's key verifies it.</summary>
    /// <value>Empty by default: no certificate is known to be revoked.</value>
    public IList<byte[]> Crls { get; } = [];

    /// <summary>Gets or sets how a signer certificate names its FileFlow officer (compared with each record's actor).</summary>
    /// <value><see langword="null"/> by default: the subject's UID attribute, as the development authority writes it. Set it to map real DSCs through a directory.</value>
    public Func<X509Certificate2, OfficerId?>? OfficerResolver { get; set; }

    /// <summary>Gets or sets the engine's system officer, whose records (escalations) must be signed by a certificate with the <see cref="ServiceRole.System"/> role.</summary>
    /// <value><c>fileflow-system</c> by default, as <c>FileFlowEngineOptions.SystemOfficer</c>; <see langword="null"/> when the engine has none, so no record may be signed with that role.</value>
    public OfficerId? SystemOfficer { get; set; } = new OfficerId("fileflow-system");
}
