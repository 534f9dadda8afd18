using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;
using FileFlow.Signing.Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace FileFlow.Pkcs11;

/// <summary>Finding signing keys: a certificate object on the token, and the private key with the same <c>CKA_ID</c>.</summary>
public sealed partial class Pkcs11Session
{
    /// <summary>The subject attribute (UID, 0.9.2342.19200300.100.1.1) that names a FileFlow officer.</summary>
    internal const string UidOid = "0.9.2342.19200300.100.1.1";

    /// <summary>Finds the signer of <paramref name="officer"/>: the certificate whose subject UID (or whose object label) is the officer id, and its private key.</summary>
    /// <param name="officer">The officer.</param>
    /// <param name="chain">The issuers to embed with each signature, nearest first; by default the authority certificates stored on the token.</param>
    /// <exception cref="TokenKeyNotFoundException">The token holds no certificate for the officer, or no private key matching it.</exception>
    public Pkcs11Signer FindSigner(OfficerId officer, IReadOnlyList<X509Certificate2>? chain = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(officer.Value, nameof(officer));
        return FindSigner($"officer '{officer.Value}'", c => c.Label == officer.Value || OfficerOf(c.Certificate) == officer.Value, chain);
    }

    /// <summary>Finds the signer whose certificate object carries <paramref name="label"/> (<c>CKA_LABEL</c>), as a vendor's middleware names it.</summary>
    /// <param name="label">The certificate object's label.</param>
    /// <param name="chain">The issuers to embed with each signature, nearest first; by default the authority certificates stored on the token.</param>
    /// <exception cref="TokenKeyNotFoundException">No certificate object has that label, or no private key matches it.</exception>
    public Pkcs11Signer FindSignerByLabel(string label, IReadOnlyList<X509Certificate2>? chain = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return FindSigner($"label '{label}'", c => c.Label == label, chain);
    }

    /// <summary>Returns the officer id a certificate's subject UID attribute carries, or null.</summary>
    internal static string? OfficerOf(X509Certificate2 certificate)
    {
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            if (rdn.GetSingleElementType().Value == UidOid)
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }

    internal IReadOnlyList<TokenCertificate> Certificates() => Run("read its certificates", session =>
    {
        var template = new List<IObjectAttribute>
        {
            session.Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE),
            session.Factories.ObjectAttributeFactory.Create(CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509),
        };
        var found = new List<TokenCertificate>();
        foreach (var handle in session.FindAllObjects(template))
        {
            var values = session.GetAttributeValue(handle, [CKA.CKA_VALUE, CKA.CKA_ID, CKA.CKA_LABEL]);
            if (values[0].CannotBeRead || values[0].GetValueAsByteArray() is not { Length: > 0 } der)
            {
                continue;
            }

            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadCertificate(der);
            }
            catch (CryptographicException)
            {
                continue; // Not a certificate this platform can read: it cannot be a signer's either.
            }

            found.Add(new TokenCertificate(
                certificate,
                values[1].CannotBeRead ? [] : values[1].GetValueAsByteArray() ?? [],
                values[2].CannotBeRead ? "" : values[2].GetValueAsString() ?? ""));
        }

        return (IReadOnlyList<TokenCertificate>)found;
    });

    internal IObjectHandle? PrivateKey(byte[] id) => Run("find a private key", session =>
    {
        var keys = session.FindAllObjects(
        [
            session.Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
            session.Factories.ObjectAttributeFactory.Create(CKA.CKA_ID, id),
        ]);
        return keys.Count == 1 ? keys[0] : null;
    });

    private Pkcs11Signer FindSigner(string sought, Func<TokenCertificate, bool> matches, IReadOnlyList<X509Certificate2>? chain)
    {
        var certificates = Certificates();
        var candidates = certificates.Where(c => !IsAuthority(c.Certificate) && matches(c)).ToList();
        if (candidates.Count == 0)
        {
            throw new TokenKeyNotFoundException(TokenLabel, sought, $"no certificate on the token names it (certificates present: {Describe(certificates)})");
        }

        // An officer renewed on the same token has several certificates: the one valid longest is the current one.
        var chosen = candidates.OrderByDescending(c => c.Certificate.NotAfter).First();
        if (chosen.Id.Length == 0 || PrivateKey(chosen.Id) is not { } key)
        {
            throw new TokenKeyNotFoundException(TokenLabel, sought, $"the certificate '{chosen.Certificate.Subject}' has no private key with its CKA_ID on the token");
        }

        var issuers = chain ?? IssuersOf(chosen.Certificate, certificates.Select(c => c.Certificate).Where(IsAuthority).ToList());
        var raw = new Pkcs11RawSigner(this, key, chosen.Certificate, issuers);
        raw.CheckKeyMatchesCertificate(sought);
        return new Pkcs11Signer(raw);
    }

    private static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    /// <summary>The issuers of a certificate among the authority certificates, nearest first, stopping before a self-signed root.</summary>
    private static X509Certificate2[] IssuersOf(X509Certificate2 certificate, List<X509Certificate2> authorities)
    {
        var issuers = new List<X509Certificate2>();
        var current = certificate;
        while (issuers.Count < 8 && authorities.FirstOrDefault(a => a.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData)) is { } issuer
               && !issuer.SubjectName.RawData.AsSpan().SequenceEqual(issuer.IssuerName.RawData))
        {
            issuers.Add(issuer);
            current = issuer;
        }

        return [.. issuers];
    }

    private static string Describe(IReadOnlyList<TokenCertificate> certificates) =>
        certificates.Count == 0 ? "none" : string.Join("; ", certificates.Select(c => $"'{c.Label}' {c.Certificate.Subject}"));

    /// <summary>A certificate object on the token with its <c>CKA_ID</c> and <c>CKA_LABEL</c>.</summary>
    internal sealed record TokenCertificate(X509Certificate2 Certificate, byte[] Id, string Label);
}
