using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;
using FileFlow.Records;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace FileFlow.Signing.Certificates;

/// <summary>Path building, revocation and the per-certificate cache.</summary>
public sealed partial class CertificateSignatureVerifier
{
    private const int MaxChainLength = 8;
    private readonly BcCertificate[] anchors;
    private readonly byte[][] anchorDers;
    private readonly X509Crl[] crls;
    private readonly Func<X509Certificate2, OfficerId?>? officerResolver;

    private static X509Crl ParseCrl(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        try
        {
            return new X509Crl(der);
        }
        catch (Exception e) when (e is ArgumentException or Asn1Exception or IOException or InvalidCastException)
        {
            throw new ArgumentException("A CRL is not a DER-encoded X.509 CRL: " + e.Message, nameof(der), e);
        }
    }

    private static byte[] IssuerAndSerial(BcCertificate certificate) =>
        new Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber(certificate.IssuerDN, certificate.SerialNumber).GetDerEncoded();

    private static bool IsSignedBy(BcCertificate certificate, BcCertificate issuer)
    {
        if (!issuer.SubjectDN.Equivalent(certificate.IssuerDN, inOrder: true))
        {
            return false;
        }

        try
        {
            return certificate.IsSignatureValid(issuer.GetPublicKey());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or SecurityUtilityException or Org.BouncyCastle.Crypto.CryptoException or InvalidCastException)
        {
            return false;
        }
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private TrustedSigner? FindSigner(string? keyId, CmsEnvelope envelope, out CertificateProblem? problem)
    {
        problem = null;
        var embedded = new List<BcCertificate>(envelope.Certificates.Count);
        BcCertificate? signerCertificate = null;
        try
        {
            var sid = envelope.SignerIdentifier.Span;
            foreach (var der in envelope.Certificates)
            {
                var certificate = new BcCertificate(der.ToArray());
                embedded.Add(certificate);
                if (signerCertificate is null && MatchesSignerIdentifier(certificate, sid))
                {
                    signerCertificate = certificate;
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or Asn1Exception or IOException or InvalidCastException or AsnContentException)
        {
            problem = new(SignatureFailure.Malformed, "an embedded certificate is malformed: " + e.Message);
            return null;
        }

        if (signerCertificate is null)
        {
            problem = new(SignatureFailure.UnknownKey, "the CMS does not carry the signer's certificate");
            return null;
        }

        var signerDer = signerCertificate.GetEncoded();
        var thumbprint = CertificateKeyId.Of(signerDer);
        if (keyId is not null && thumbprint != keyId)
        {
            problem = new(SignatureFailure.UnknownKey, $"the signer should be certificate '{keyId}' but the CMS is signed with certificate '{thumbprint}' ({signerCertificate.SubjectDN})");
            return null;
        }

        if (signers.TryGetValue(thumbprint, out var cached))
        {
            return cached;
        }

        try
        {
            var built = Build(signerCertificate, signerDer, thumbprint, envelope.SignerIdentifier.ToArray(), embedded);
            return signers.GetOrAdd(thumbprint, built);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or InvalidCastException or Asn1Exception)
        {
            problem = new(SignatureFailure.Malformed, $"the signer certificate '{signerCertificate.SubjectDN}' is not usable: {e.Message}");
            return null;
        }
    }

    private static bool MatchesSignerIdentifier(BcCertificate certificate, ReadOnlySpan<byte> sid)
    {
        if (sid.Length > 0 && sid[0] == 0x30)
        {
            return sid.SequenceEqual(IssuerAndSerial(certificate));
        }

        // subjectKeyIdentifier [0] IMPLICIT OCTET STRING
        var ski = X509ExtensionUtilities.GetSubjectKeyIdentifier(certificate);
        if (ski is null)
        {
            return false;
        }

        var reader = new AsnReader(sid.ToArray(), AsnEncodingRules.BER);
        return reader.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0)).AsSpan().SequenceEqual(ski.GetKeyIdentifier());
    }

    private TrustedSigner Build(BcCertificate certificate, byte[] der, string thumbprint, byte[] signerIdentifier, List<BcCertificate> embedded)
    {
        var spki = certificate.SubjectPublicKeyInfo;
        var keyAlgorithm = CmsFormat.KeyAlgorithmOf(spki.Algorithm.Algorithm.Id);
        RSA? rsa = null;
        ECDsa? ecdsa = null;
        Ed25519PublicKeyParameters? ed25519 = null;
        switch (keyAlgorithm)
        {
            case CertificateKeyAlgorithm.Rsa2048:
                rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(spki.GetDerEncoded(), out _);
                break;
            case CertificateKeyAlgorithm.EcdsaP256:
                ecdsa = ECDsa.Create();
                ecdsa.ImportSubjectPublicKeyInfo(spki.GetDerEncoded(), out _);
                break;
            default:
                ed25519 = (Ed25519PublicKeyParameters)certificate.GetPublicKey();
                break;
        }

        var subject = certificate.SubjectDN.ToString();
        OfficerId? officer;
        if (officerResolver is not null)
        {
            using var x509 = X509CertificateLoader.LoadCertificate(der);
            officer = officerResolver(x509);
        }
        else
        {
            var uid = certificate.SubjectDN.GetValueList(X509Name.UID);
            officer = uid.Count == 1 ? new OfficerId(uid[0]) : null;
        }

        var chain = BuildChain(certificate, embedded, out var chainProblem);
        CertificateProblem? problem = chainProblem;
        var usage = certificate.GetKeyUsage();
        if (problem is null && usage is not null && !usage[0] && !usage[1])
        {
            problem = new(SignatureFailure.WrongKeyUsage, $"certificate '{subject}' allows neither digitalSignature nor nonRepudiation");
        }

        var validity = chain.Select(c => (c.SubjectDN.ToString(), Utc(c.NotBefore), Utc(c.NotAfter))).ToArray();
        return new TrustedSigner
        {
            Thumbprint = thumbprint,
            Sha256 = SHA256.HashData(der),
#pragma warning disable CA5350 // SHA-1 only matches an ESSCertID (v1) a third party wrote; it is never used to sign.
            Sha1 = SHA1.HashData(der),
#pragma warning restore CA5350
            SignerIdentifier = signerIdentifier,
            Subject = subject,
            KeyAlgorithm = keyAlgorithm,
            Rsa = rsa,
            Ecdsa = ecdsa,
            Ed25519 = ed25519,
            Officer = officer,
            Problem = problem,
            Validity = validity,
            ValidFrom = validity.Max(v => v.Item2),
            ValidUntil = validity.Min(v => v.Item3),
            Revocation = problem is null ? FindRevocation(chain) : null,
        };
    }

    /// <summary>Builds the path from the signer to a trust anchor through the embedded certificates; on failure returns what was built and the reason.</summary>
    private List<BcCertificate> BuildChain(BcCertificate signer, List<BcCertificate> embedded, out CertificateProblem? problem)
    {
        problem = null;
        var chain = new List<BcCertificate> { signer };
        var current = signer;
        while (true)
        {
            var currentDer = current.GetEncoded();
            if (anchorDers.Any(a => a.AsSpan().SequenceEqual(currentDer)))
            {
                return chain;
            }

            var anchor = anchors.FirstOrDefault(a => IsSignedBy(current, a));
            if (anchor is not null)
            {
                chain.Add(anchor);
                return chain;
            }

            if (current.SubjectDN.Equivalent(current.IssuerDN, inOrder: true))
            {
                problem = new(SignatureFailure.Untrusted, $"the chain ends at the self-signed '{current.SubjectDN}', which is not a trust anchor");
                return chain;
            }

            var issuer = embedded.FirstOrDefault(c => !ReferenceEquals(c, current) && !chain.Contains(c) && IsSignedBy(current, c));
            if (issuer is null)
            {
                problem = new(SignatureFailure.Untrusted, $"no trust anchor or embedded certificate issued '{current.SubjectDN}' (issuer '{current.IssuerDN}')");
                return chain;
            }

            var usage = issuer.GetKeyUsage();
            if (issuer.GetBasicConstraints() < chain.Count - 1 || (usage is not null && !usage[5]))
            {
                problem = new(SignatureFailure.Untrusted, $"'{issuer.SubjectDN}' is not a certificate authority allowed to issue '{current.SubjectDN}'");
                return chain;
            }

            chain.Add(issuer);
            current = issuer;
            if (chain.Count > MaxChainLength)
            {
                problem = new(SignatureFailure.Untrusted, $"the chain is longer than {MaxChainLength} certificates");
                return chain;
            }
        }
    }

    /// <summary>Finds the earliest revocation of a non-anchor certificate in the chain, from CRLs its issuer signed.</summary>
    private (string Subject, DateTimeOffset At, RevocationReason Reason)? FindRevocation(List<BcCertificate> chain)
    {
        (string, DateTimeOffset, RevocationReason)? earliest = null;
        for (var i = 0; i + 1 < chain.Count; i++)
        {
            var certificate = chain[i];
            var issuer = chain[i + 1];
            foreach (var crl in crls)
            {
                if (!crl.IssuerDN.Equivalent(certificate.IssuerDN, inOrder: true) || !IsCrlSignedBy(crl, issuer))
                {
                    continue;
                }

                var entry = crl.GetRevokedCertificate(certificate.SerialNumber);
                if (entry is null)
                {
                    continue;
                }

                var at = Utc(entry.RevocationDate);
                var reason = RevocationReason.Unspecified;
                if (X509ExtensionUtilities.FromExtensionValue(entry, X509Extensions.ReasonCode) is DerEnumerated code)
                {
                    reason = (RevocationReason)code.IntValueExact;
                }

                if (earliest is null || at < earliest.Value.Item2)
                {
                    earliest = (certificate.SubjectDN.ToString(), at, reason);
                }
            }
        }

        return earliest;
    }

    private static bool IsCrlSignedBy(X509Crl crl, BcCertificate issuer)
    {
        try
        {
            return crl.IsSignatureValid(issuer.GetPublicKey());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or SecurityUtilityException or Org.BouncyCastle.Crypto.CryptoException or InvalidCastException)
        {
            return false;
        }
    }
}
