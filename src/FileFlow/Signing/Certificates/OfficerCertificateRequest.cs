using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;

namespace FileFlow.Signing.Certificates;

/// <summary>What an officer's certificate says: who (name and FileFlow officer id), designation, office and state, key type and validity.</summary>
/// <remarks>The profile follows the CCA document-signer certificates seen in the field; see <c>docs/signing.md</c>.</remarks>
public sealed record OfficerCertificateRequest
{
    /// <summary>Gets the FileFlow officer the certificate binds to; written as the subject's UID attribute.</summary>
    public required OfficerId Officer { get; init; }

    /// <summary>Gets the officer's name, the subject's common name (CN).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the officer's designation, the subject's organisational unit (OU).</summary>
    /// <value>Empty by default (omitted).</value>
    public string Designation { get; init; } = string.Empty;

    /// <summary>Gets the officer's office, the subject's organisation (O).</summary>
    /// <value>Empty by default (omitted).</value>
    public string Office { get; init; } = string.Empty;

    /// <summary>Gets the officer's state, the subject's ST attribute.</summary>
    /// <value>Empty by default (omitted).</value>
    public string State { get; init; } = string.Empty;

    /// <summary>Gets the two-letter country code, the subject's C attribute.</summary>
    /// <value><c>IN</c> by default.</value>
    public string Country { get; init; } = "IN";

    /// <summary>Gets the key type generated for the officer.</summary>
    /// <value><see cref="CertificateKeyAlgorithm.Rsa2048"/> by default.</value>
    public CertificateKeyAlgorithm Algorithm { get; init; } = CertificateKeyAlgorithm.Rsa2048;

    /// <summary>Gets the start of the certificate's validity.</summary>
    public required DateTimeOffset NotBefore { get; init; }

    /// <summary>Gets the end of the certificate's validity.</summary>
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>Gets the key usages written (critical) into the certificate.</summary>
    /// <value>Digital signature and non-repudiation by default, as on a DSC; tests set others to exercise refusal.</value>
    public X509KeyUsageFlags KeyUsage { get; init; } = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation;
}
