using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FileFlow.Signing.Certificates;

/// <summary>Computes the key identifier FileFlow writes into records signed with a certificate: the lowercase hexadecimal SHA-256 of its DER.</summary>
public static class CertificateKeyId
{
    /// <summary>Returns the lowercase hexadecimal SHA-256 thumbprint of <paramref name="certificate"/>.</summary>
    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Of(certificate.RawDataMemory.Span);
    }

    /// <summary>Returns the lowercase hexadecimal SHA-256 of a DER-encoded certificate.</summary>
    public static string Of(ReadOnlySpan<byte> certificateDer)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(certificateDer, hash);
        return Convert.ToHexStringLower(hash);
    }
}
