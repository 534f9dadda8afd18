using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Signing.Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace FileFlow.Pkcs11;

/// <summary>Sets tokens up for demonstrations and tests: initialises a token, generates an officer's key pair on it, issues the certificate from a
/// <see cref="DevelopmentCertificateAuthority"/> and stores it beside the key.</summary>
/// <remarks>Real officers' tokens come from a licensed CA's registration authority with the key and certificate already on them; they need none of this.</remarks>
public static class Pkcs11Provisioning
{
    /// <summary>The DER encoding of the named curve P-256 (secp256r1) as <c>CKA_EC_PARAMS</c>.</summary>
    private static readonly byte[] P256Parameters = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

    /// <summary>Initialises the token in the first slot holding an uninitialised one (SoftHSM2 always offers one), and sets its user PIN.</summary>
    /// <param name="module">The module.</param>
    /// <param name="label">The new token's label (at most 32 characters).</param>
    /// <param name="securityOfficerPin">The security officer's PIN, which can later reset the user PIN.</param>
    /// <param name="userPin">The officer's PIN.</param>
    /// <returns>The token as the module then describes it.</returns>
    /// <exception cref="InvalidOperationException">No slot holds an uninitialised token.</exception>
    /// <exception cref="TokenOperationException">The token refused to be initialised (for example a PIN of a length it does not accept).</exception>
    public static TokenDescription InitializeToken(Pkcs11Module module, string label, string securityOfficerPin, string userPin)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(label.Length, 32, nameof(label));
        ArgumentException.ThrowIfNullOrEmpty(securityOfficerPin);
        ArgumentException.ThrowIfNullOrEmpty(userPin);
        var slot = module.Library.GetSlotList(SlotsType.WithTokenPresent).FirstOrDefault(s => !s.GetTokenInfo().TokenFlags.TokenInitialized)
            ?? throw new InvalidOperationException($"The module '{module.LibraryPath}' has no slot with an uninitialised token; insert a blank token (SoftHSM2 always offers one).");
        try
        {
            slot.InitToken(securityOfficerPin, label);
            using var session = slot.OpenSession(SessionType.ReadWrite);
            session.Login(CKU.CKU_SO, securityOfficerPin);
            session.InitPin(userPin);
            session.Logout();
        }
        catch (Pkcs11Exception e)
        {
            throw new TokenOperationException(label, "be initialised", e.RV.ToString(), e);
        }

        var info = slot.GetTokenInfo();
        return new TokenDescription(info.Label.Trim(), info.SerialNumber.Trim(), info.Model.Trim(), info.TokenFlags.TokenInitialized);
    }

    /// <summary>Generates the officer's key pair on the token (the private key sensitive and never extractable), has <paramref name="authority"/> certify it,
    /// and stores the certificate (and the authority's non-root certificates) on the token under the key's <c>CKA_ID</c>, labelled with the officer id.</summary>
    /// <param name="session">A session signed in to the token.</param>
    /// <param name="authority">The development authority that issues the certificate.</param>
    /// <param name="request">What the certificate says; its <see cref="OfficerCertificateRequest.Algorithm"/> picks RSA-2048 or ECDSA P-256.</param>
    /// <returns>The officer's signer on the token.</returns>
    /// <exception cref="ArgumentException">The request asks for Ed25519, which PKCS#11 tokens in the field do not carry.</exception>
    /// <exception cref="TokenOperationException">The token could not generate the key or store the certificate.</exception>
    public static Pkcs11Signer IssueOfficerKey(Pkcs11Session session, DevelopmentCertificateAuthority authority, OfficerCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Algorithm is not (CertificateKeyAlgorithm.Rsa2048 or CertificateKeyAlgorithm.EcdsaP256))
        {
            throw new ArgumentException($"A token key is RSA-2048 or ECDSA P-256, not {request.Algorithm}.", nameof(request));
        }

        var label = request.Officer.Value;
        var (id, publicKeyInfo) = session.Run("generate a key pair", s => Generate(s, request.Algorithm, label));
        var certificate = authority.IssueOfficerCertificate(request, publicKeyInfo);
        var present = session.Certificates().Select(c => c.Certificate.RawData).ToList();
        session.Run("store a certificate", s =>
        {
            s.CreateObject(CertificateObject(s, certificate, id, label, authority: false));
            foreach (var issuer in authority.Chain.Where(c => !c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData)))
            {
                if (!present.Any(p => p.AsSpan().SequenceEqual(issuer.RawData)))
                {
                    s.CreateObject(CertificateObject(s, issuer, SHA1.HashData(issuer.PublicKey.EncodedKeyValue.RawData), issuer.GetNameInfo(X509NameType.SimpleName, false), authority: true));
                }
            }

            return 0;
        });
        return session.FindSignerByLabel(label);
    }

    /// <summary>Generates the pair and returns its <c>CKA_ID</c> (SHA-1 of the public key value, as most middleware does) and the public key as a SubjectPublicKeyInfo.</summary>
    private static (byte[] Id, byte[] PublicKeyInfo) Generate(ISession session, CertificateKeyAlgorithm algorithm, string label)
    {
        var attributes = session.Factories.ObjectAttributeFactory;
        var id = RandomNumberGenerator.GetBytes(20); // replaced below by the public key's hash; unique meanwhile
        var publicTemplate = new List<IObjectAttribute>
        {
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, false),
            attributes.Create(CKA.CKA_VERIFY, true),
            attributes.Create(CKA.CKA_LABEL, label),
            attributes.Create(CKA.CKA_ID, id),
        };
        var privateTemplate = new List<IObjectAttribute>
        {
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, true),
            attributes.Create(CKA.CKA_SIGN, true),
            attributes.Create(CKA.CKA_SENSITIVE, true),
            attributes.Create(CKA.CKA_EXTRACTABLE, false),
            attributes.Create(CKA.CKA_LABEL, label),
            attributes.Create(CKA.CKA_ID, id),
        };
        CKM mechanism;
        if (algorithm == CertificateKeyAlgorithm.Rsa2048)
        {
            mechanism = CKM.CKM_RSA_PKCS_KEY_PAIR_GEN;
            publicTemplate.Add(attributes.Create(CKA.CKA_MODULUS_BITS, 2048UL));
            publicTemplate.Add(attributes.Create(CKA.CKA_PUBLIC_EXPONENT, new byte[] { 0x01, 0x00, 0x01 }));
        }
        else
        {
            mechanism = CKM.CKM_EC_KEY_PAIR_GEN;
            publicTemplate.Add(attributes.Create(CKA.CKA_EC_PARAMS, P256Parameters));
        }

        session.GenerateKeyPair(session.Factories.MechanismFactory.Create(mechanism), publicTemplate, privateTemplate, out var publicKey, out var privateKey);
        byte[] value, info;
        if (algorithm == CertificateKeyAlgorithm.Rsa2048)
        {
            var read = session.GetAttributeValue(publicKey, [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT]);
            value = read[0].GetValueAsByteArray();
            using var rsa = RSA.Create(new RSAParameters { Modulus = value, Exponent = read[1].GetValueAsByteArray() });
            info = rsa.ExportSubjectPublicKeyInfo();
        }
        else
        {
            // CKA_EC_POINT is the uncompressed point 04‖X‖Y, wrapped in a DER OCTET STRING by most modules (SoftHSM2 among them).
            var point = session.GetAttributeValue(publicKey, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray();
            value = point.Length == 65 && point[0] == 0x04 ? point : AsnDecoder.ReadOctetString(point, AsnEncodingRules.DER, out _);
            using var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = value[1..33], Y = value[33..65] } });
            info = ec.ExportSubjectPublicKeyInfo();
        }

        id = SHA1.HashData(value);
        var newId = new List<IObjectAttribute> { attributes.Create(CKA.CKA_ID, id) };
        session.SetAttributeValue(publicKey, newId);
        session.SetAttributeValue(privateKey, newId);
        return (id, info);
    }

    private static List<IObjectAttribute> CertificateObject(ISession session, X509Certificate2 certificate, byte[] id, string label, bool authority)
    {
        var attributes = session.Factories.ObjectAttributeFactory;
        var serial = new AsnWriter(AsnEncodingRules.DER);
        serial.WriteInteger(new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true));
        return
        [
            attributes.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE),
            attributes.Create(CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509),
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, false),
            attributes.Create(CKA.CKA_LABEL, label),
            attributes.Create(CKA.CKA_ID, id),
            attributes.Create(CKA.CKA_SUBJECT, certificate.SubjectName.RawData),
            attributes.Create(CKA.CKA_ISSUER, certificate.IssuerName.RawData),
            attributes.Create(CKA.CKA_SERIAL_NUMBER, serial.Encode()),
            attributes.Create(CKA.CKA_VALUE, certificate.RawData),
            attributes.Create(CKA.CKA_CERTIFICATE_CATEGORY, authority ? 2UL : 1UL),
        ];
    }
}
