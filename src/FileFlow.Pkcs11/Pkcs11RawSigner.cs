using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Signing.Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace FileFlow.Pkcs11;

/// <summary>The private-key operation on a token: RSA PKCS#1 v1.5 with SHA-256 (<c>CKM_SHA256_RSA_PKCS</c>, or <c>CKM_RSA_PKCS</c> over the DigestInfo),
/// or ECDSA P-256 (<c>CKM_ECDSA</c> over the SHA-256 digest, re-encoded as DER).</summary>
/// <remarks>Thread-safe: each signature runs on a PKCS#11 session of its own. The private key never leaves the token.</remarks>
internal sealed class Pkcs11RawSigner : IRawSigner
{
    /// <summary>The DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2), followed by the 32-byte digest.</summary>
    private static readonly byte[] Sha256DigestInfoPrefix = [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];

    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    private readonly Pkcs11Session session;
    private readonly IObjectHandle key;
    private readonly bool ecdsa;

    public Pkcs11RawSigner(Pkcs11Session session, IObjectHandle key, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain)
    {
        this.session = session;
        this.key = key;
        Certificate = certificate;
        Chain = chain;
        ecdsa = certificate.PublicKey.Oid.Value switch
        {
            RsaOid => false,
            EcOid => true,
            var other => throw new TokenKeyNotFoundException(session.TokenLabel, $"certificate '{certificate.Subject}'", $"its key type {other} is neither RSA nor ECDSA P-256"),
        };
        Mechanism = ecdsa ? CKM.CKM_ECDSA : session.Mechanisms.Contains(CKM.CKM_SHA256_RSA_PKCS) ? CKM.CKM_SHA256_RSA_PKCS : CKM.CKM_RSA_PKCS;
    }

    public X509Certificate2 Certificate { get; }

    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>Gets or sets the mechanism the token signs with; tests set <c>CKM_RSA_PKCS</c> to exercise the DigestInfo path on a token that has both.</summary>
    internal CKM Mechanism { get; set; }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (mechanism, input) = Prepare(data.Span);
        return Finish(session.RunAsync("sign", s => s.Sign(s.Factories.MechanismFactory.Create(mechanism), key, input), cancellationToken));
    }

    /// <summary>Signs a probe and checks it with the certificate's public key, so a key that does not match its certificate fails at sign-in, not at verification.</summary>
    public void CheckKeyMatchesCertificate(string sought)
    {
        var probe = "FileFlow PKCS#11 key check"u8.ToArray();
        var (mechanism, input) = Prepare(probe);
        var signature = Convert(session.Run("sign", s => s.Sign(s.Factories.MechanismFactory.Create(mechanism), key, input)));
        var matches = ecdsa
            ? Certificate.GetECDsaPublicKey()!.VerifyData(probe, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            : Certificate.GetRSAPublicKey()!.VerifyData(probe, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!matches)
        {
            throw new TokenKeyNotFoundException(session.TokenLabel, sought, $"the private key with the CKA_ID of '{Certificate.Subject}' does not match the certificate's public key");
        }
    }

    private (CKM Mechanism, byte[] Input) Prepare(ReadOnlySpan<byte> data)
    {
        var mechanism = Mechanism;
        if (mechanism == CKM.CKM_SHA256_RSA_PKCS)
        {
            return (mechanism, data.ToArray());
        }

        var digest = SHA256.HashData(data);
        return mechanism == CKM.CKM_RSA_PKCS ? (mechanism, [.. Sha256DigestInfoPrefix, .. digest]) : (mechanism, digest);
    }

    private async ValueTask<byte[]> Finish(ValueTask<byte[]> signing) => Convert(await signing.ConfigureAwait(false));

    /// <summary>ECDSA tokens return r‖s (PKCS#11 §2.3.1); CMS carries the DER SEQUENCE of two INTEGERs (RFC 3279).</summary>
    private byte[] Convert(byte[] signature)
    {
        if (!ecdsa)
        {
            return signature;
        }

        if (signature.Length == 0 || signature.Length % 2 != 0)
        {
            throw new TokenOperationException(session.TokenLabel, "sign", $"an ECDSA signature of {signature.Length} bytes, not r and s of equal length");
        }

        return EcdsaDer(signature);
    }

    /// <summary>Encodes a fixed-width r‖s as the DER SEQUENCE of two INTEGERs.</summary>
    internal static byte[] EcdsaDer(byte[] signature)
    {
        var half = signature.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Minimal(signature.AsSpan(0, half)));
            writer.WriteIntegerUnsigned(Minimal(signature.AsSpan(half)));
        }

        return writer.Encode();
    }

    /// <summary>Drops the leading zero bytes DER forbids (an r or s below 2^248 has some in its fixed-width form), keeping at least one byte.</summary>
    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }
}
