using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace FileFlow.Pkcs11;

/// <summary>Signs records with an officer's key on a PKCS#11 token, as detached CMS with the officer's certificate: verified exactly like a record signed with a software key.</summary>
/// <remarks>Thread-safe. Works while the <see cref="Pkcs11Session"/> it was found through is signed in; the private key never leaves the token.</remarks>
public sealed class Pkcs11Signer : ISigner
{
    private readonly CmsSigner cms;

    internal Pkcs11Signer(Pkcs11RawSigner raw)
    {
        Raw = raw;
        cms = new CmsSigner(raw);
        Officer = Pkcs11Session.OfficerOf(raw.Certificate) is { } uid ? new OfficerId(uid) : null;
    }

    /// <summary>Gets the certificate's SHA-256 thumbprint in lowercase hexadecimal, written into each record this signer signs.</summary>
    public string KeyId => cms.KeyId;

    /// <summary>Gets the officer's certificate, read from the token.</summary>
    public X509Certificate2 Certificate => Raw.Certificate;

    /// <summary>Gets the issuers embedded with each signature, nearest first.</summary>
    public IReadOnlyList<X509Certificate2> Chain => Raw.Chain;

    /// <summary>Gets the FileFlow officer named by the certificate's UID attribute, or <see langword="null"/> when it carries none.</summary>
    public OfficerId? Officer { get; }

    internal Pkcs11RawSigner Raw { get; }

    /// <summary>Signs <paramref name="data"/> on the token as detached CMS SignedData whose signing-time attribute is <paramref name="signingTime"/>.</summary>
    /// <exception cref="TokenNotPresentException">The token was removed.</exception>
    /// <exception cref="TokenOperationException">The token failed to sign.</exception>
    /// <exception cref="ObjectDisposedException">The session was signed out.</exception>
    public ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default) =>
        cms.SignAsync(data, signingTime, cancellationToken);
}
