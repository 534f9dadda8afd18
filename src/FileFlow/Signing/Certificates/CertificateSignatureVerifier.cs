using System.Collections.Concurrent;
using System.Security.Cryptography;
using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>Verifies detached CMS record signatures against trusted roots and CRLs, with every certificate checked at the record's signing time.</summary>
/// <remarks>
/// Thread-safe and deterministic. The CMS is parsed by BouncyCastle and must be DER with one signer; checks, in order: that the record's key id is
/// the thumbprint of the embedded signer certificate; message digest; the signing-certificate attribute, which must name exactly that embedded
/// certificate; the signature, with that certificate's key; that the signing-time attribute is the record's time (whole seconds); then the
/// certificate path, built and validated by BouncyCastle's PKIX builder at the record's time from the embedded certificates to a trust anchor
/// (every embedded certificate must be on it); key usage (digital signature or non-repudiation); officer (the record's actor); validity of every
/// certificate in the path at the record's time; and revocation (a certificate revoked at T fails records made at or after T, from CRLs its
/// issuer signed). Work that does not depend on the record is cached, keyed by the SHA-256 of the exact embedded certificate set and signer
/// identifier, and path validation is cached per interval of time in which no certificate's validity changes, so the answer never depends on
/// which record was verified first. Once a signer's certificate set, signer identifier and signing-certificate attribute have passed the strict
/// parse, its later signatures of exactly the shape FileFlow writes are read with <see cref="System.Formats.Asn1.AsnReader"/> in DER mode, without
/// BouncyCastle; any other shape is parsed strictly, so the verdict and its reason never depend on which path read the signature.
/// </remarks>
public sealed partial class CertificateSignatureVerifier : ISignatureVerifier
{
    private readonly ConcurrentDictionary<string, TrustedSigner> signers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CertificateProblem> unusable = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Records.Hash256, KnownSigner> known = new();

    /// <summary>Initializes a verifier that trusts the anchors and knows the CRLs in <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">No trust anchor is given, or a CRL cannot be parsed.</exception>
    public CertificateSignatureVerifier(CertificateTrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrustAnchors.Count == 0)
        {
            throw new ArgumentException("At least one trust anchor (root certificate) is required.", nameof(options));
        }

        anchors = options.TrustAnchors.Select(a => new Org.BouncyCastle.X509.X509Certificate(a.RawData)).ToArray();
        anchorDers = options.TrustAnchors.Select(a => a.RawData).ToArray();
        crls = options.Crls.Select(ParseCrl).ToArray();
        officerResolver = options.OfficerResolver;
        systemOfficer = options.SystemOfficer;
    }

    /// <inheritdoc />
    public SignatureCheck Verify(TransitionRecord record, ReadOnlySpan<byte> canonicalBytes, RecordSignature signature)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Evaluate(record.SignerKeyId, record.Actor, RoleFor(record.Actor), record.OccurredAt, canonicalBytes, signature) is { } problem
            ? SignatureCheck.Fail(problem.Failure, problem.Reason)
            : SignatureCheck.Valid;
    }

    /// <summary>Verifies a detached CMS signature over any content (an export bundle's manifest, say) made at <paramref name="signedAt"/>: digest, signature, signing time, chain to a trust anchor, key usage, validity and revocation at that time.</summary>
    /// <remarks>Unlike <see cref="Verify"/> no officer is expected: any certificate that chains to a trust anchor and may sign is accepted; <paramref name="expectedKeyId"/> pins one.</remarks>
    /// <param name="content">The bytes that were signed.</param>
    /// <param name="signature">The <c>cms</c> signature.</param>
    /// <param name="signedAt">The time the signature claims (its signing-time attribute, to the second).</param>
    /// <param name="expectedKeyId">The SHA-256 thumbprint (<see cref="CertificateKeyId"/>) the signer certificate must have, or <see langword="null"/> for any trusted one.</param>
    public SignatureCheck VerifyDetached(ReadOnlySpan<byte> content, RecordSignature signature, DateTimeOffset signedAt, string? expectedKeyId = null) =>
        Evaluate(expectedKeyId, null, null, signedAt, content, signature) is { } problem ? SignatureCheck.Fail(problem.Failure, problem.Reason) : SignatureCheck.Valid;

    /// <summary>Verifies a detached CMS signature an officer made over content other than a record (a certified copy's manifest): as a record's
    /// signature, the certificate must name <paramref name="officer"/> and state no service role.</summary>
    internal SignatureCheck VerifyDetachedBy(ReadOnlySpan<byte> content, RecordSignature signature, DateTimeOffset signedAt, Organisation.OfficerId officer, string? expectedKeyId) =>
        Evaluate(expectedKeyId, officer, RoleFor(officer), signedAt, content, signature) is { } problem ? SignatureCheck.Fail(problem.Failure, problem.Reason) : SignatureCheck.Valid;

    /// <summary>Verifies a detached CMS signature a FileFlow service made (a bundle manifest by <see cref="ServiceRole.Export"/>, a checkpoint by
    /// <see cref="ServiceRole.Log"/>, the organisation by <see cref="ServiceRole.Organisation"/>): as <see cref="VerifyDetached(ReadOnlySpan{byte}, RecordSignature, DateTimeOffset, string?)"/>,
    /// and the signer certificate must state exactly <paramref name="role"/>, or the check fails with <see cref="SignatureFailure.WrongRole"/> naming the role expected.</summary>
    /// <param name="content">The bytes that were signed.</param>
    /// <param name="signature">The <c>cms</c> signature.</param>
    /// <param name="signedAt">The time the signature claims (its signing-time attribute, to the second).</param>
    /// <param name="role">The service role the signer certificate must state.</param>
    /// <param name="expectedKeyId">The SHA-256 thumbprint the signer certificate must have, or <see langword="null"/> for any trusted one with the role.</param>
    public SignatureCheck VerifyDetached(ReadOnlySpan<byte> content, RecordSignature signature, DateTimeOffset signedAt, ServiceRole role, string? expectedKeyId = null) =>
        Evaluate(expectedKeyId, null, role, signedAt, content, signature) is { } problem ? SignatureCheck.Fail(problem.Failure, problem.Reason) : SignatureCheck.Valid;

    /// <summary>Verifies like <see cref="Verify"/>, throwing a typed exception that names the record when the signature is not acceptable.</summary>
    /// <exception cref="MalformedSignatureException">The signature is not a detached CMS SignedData FileFlow can read.</exception>
    /// <exception cref="SignerCertificateMismatchException">The record's key id is not the CMS signer certificate's thumbprint.</exception>
    /// <exception cref="SignatureMismatchException">The signature does not match the record (tampered record or signature).</exception>
    /// <exception cref="UntrustedCertificateException">The certificate does not chain to a trust anchor.</exception>
    /// <exception cref="WrongKeyUsageException">The certificate may not sign documents.</exception>
    /// <exception cref="WrongSignerException">The certificate belongs to another officer than the record's actor.</exception>
    /// <exception cref="WrongServiceRoleException">The record is the system officer's and the certificate lacks the System role, or an officer's and the certificate states a service role.</exception>
    /// <exception cref="CertificateNotValidAtSigningTimeException">A certificate in the chain was expired or not yet valid at the record's time.</exception>
    /// <exception cref="CertificateRevokedException">A certificate in the chain had been revoked at the record's time.</exception>
    public void VerifyOrThrow(TransitionRecord record, ReadOnlySpan<byte> canonicalBytes, RecordSignature signature)
    {
        ArgumentNullException.ThrowIfNull(record);
        var role = RoleFor(record.Actor);
        if (Evaluate(record.SignerKeyId, record.Actor, role, record.OccurredAt, canonicalBytes, signature) is not { } problem)
        {
            return;
        }

        throw problem.Failure switch
        {
            SignatureFailure.Untrusted => new UntrustedCertificateException(record, problem.Reason),
            SignatureFailure.OutsideValidity => new CertificateNotValidAtSigningTimeException(record, problem.Reason, problem.Subject ?? string.Empty, problem.NotBefore ?? default, problem.NotAfter ?? default),
            SignatureFailure.Revoked => new CertificateRevokedException(record, problem.Reason, problem.Subject ?? string.Empty, problem.RevokedAt ?? default, problem.RevocationReason ?? RevocationReason.Unspecified),
            SignatureFailure.WrongKeyUsage => new WrongKeyUsageException(record, problem.Reason),
            SignatureFailure.WrongRole => new WrongServiceRoleException(record, problem.Reason, role),
            SignatureFailure.WrongSigner => new WrongSignerException(record, problem.Reason, problem.CertificateOfficer),
            SignatureFailure.UnknownKey => new SignerCertificateMismatchException(record, problem.Reason),
            SignatureFailure.Invalid => new SignatureMismatchException(record, problem.Reason),
            _ => new MalformedSignatureException(record, problem.Reason),
        };
    }

    /// <summary>The role a record's signer must state: System for the system officer, none for anyone else.</summary>
    private ServiceRole? RoleFor(Organisation.OfficerId actor) => systemOfficer is { } system && actor == system ? ServiceRole.System : null;

    /// <summary>Evaluates a CMS signature; <paramref name="keyId"/> and <paramref name="actor"/> are what the signed thing names (<see langword="null"/>: not checked);
    /// <paramref name="role"/> is the service role the signer must state (for a record, <see langword="null"/> means an officer's: no role at all).</summary>
    private CertificateProblem? Evaluate(
        string? keyId, Organisation.OfficerId? actor, ServiceRole? role, DateTimeOffset signedAt, ReadOnlySpan<byte> canonicalBytes, RecordSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Algorithm != CmsFormat.Name)
        {
            return new(SignatureFailure.Malformed, $"signature scheme '{signature.Algorithm}' is not '{CmsFormat.Name}'");
        }

        // A signature whose constant parts (certificates, signer identifier, signing-certificate attribute) passed the strict parse before is read
        // quickly; any other is parsed strictly, and gives its verdict as it always did.
        CmsEnvelope envelope;
        TrustedSigner? signer;
        CertificateProblem? signerProblem;
        var quick = CmsEnvelope.TryReadKnownShape(signature.Value);
        if (quick is not null && known.TryGetValue(quick.KnownSignerKey, out var seen))
        {
            envelope = quick.WithSigningCertificate(seen.CertificateHashOid, seen.CertificateHash);
            (signer, signerProblem) = (seen.Signer, seen.Problem);
        }
        else
        {
            try
            {
                envelope = CmsEnvelope.Parse(signature.Value);
            }
            catch (FormatException e)
            {
                return new(SignatureFailure.Malformed, "the CMS signature is malformed: " + e.Message);
            }

            signer = FindSigner(envelope, out signerProblem);
            if (quick is not null)
            {
                known.TryAdd(quick.KnownSignerKey, new(signer, signerProblem, envelope.CertificateHashOid, envelope.CertificateHash));
            }
        }

        if (signer is null)
        {
            return signerProblem;
        }

        if (keyId is not null && signer.Thumbprint != keyId)
        {
            return new(SignatureFailure.UnknownKey, $"the signer should be certificate '{keyId}' but the CMS is signed with certificate '{signer.Thumbprint}' ({signer.Subject})");
        }

        Span<byte> digest = stackalloc byte[64];
        int length;
        try
        {
            length = CmsFormat.Digest(envelope.DigestOid, canonicalBytes, digest);
        }
        catch (CryptographicException e)
        {
            return new(SignatureFailure.Malformed, e.Message);
        }

        if (!envelope.MessageDigest.Span.SequenceEqual(digest[..length]))
        {
            return new(SignatureFailure.Invalid, "the message digest does not match the record's bytes");
        }

        if (envelope.CertificateHash is not { } certificateHash)
        {
            return new(SignatureFailure.Invalid, "the signing-certificate attribute that binds the signer's certificate is missing");
        }

        if (!certificateHash.Span.SequenceEqual(envelope.CertificateHashOid switch
            {
                CmsFormat.Sha256 => signer.Sha256,
                "1.3.14.3.2.26" => signer.Sha1,
                _ => [],
            }))
        {
            return new(SignatureFailure.Invalid, "the signing-certificate attribute names another certificate than the signer's");
        }

        try
        {
            if (!signer.VerifySignature(envelope.DigestOid, envelope.SignatureOid, envelope.SignedAttributes, envelope.Signature))
            {
                return new(SignatureFailure.Invalid, "the signature does not match the signed attributes");
            }
        }
        catch (CryptographicException e)
        {
            return new(SignatureFailure.Malformed, e.Message);
        }

        if (envelope.SigningTime is not { } signingTime)
        {
            return new(SignatureFailure.Invalid, "the signing-time attribute is missing");
        }

        if (signingTime.ToUnixTimeSeconds() != signedAt.ToUnixTimeSeconds())
        {
            return new(SignatureFailure.Invalid, $"the signing-time attribute {signingTime:O} is not the {(actor is null ? "claimed" : "record's")} time {signedAt:O}");
        }

        var path = signer.PathAt(signedAt, this);
        if ((path.Problem ?? signer.Problem) is { } fixedProblem)
        {
            return fixedProblem;
        }

        if (RoleProblem(signer, actor, role) is { } roleProblem)
        {
            return roleProblem;
        }

        if (actor is not null && signer.Officer != actor)
        {
            return new(SignatureFailure.WrongSigner, $"certificate '{signer.Subject}' belongs to officer '{signer.Officer?.Value ?? "(none)"}', not the actor '{actor}'")
            {
                CertificateOfficer = signer.Officer,
            };
        }

        if (path.Validity.FirstOrDefault(v => signedAt < v.NotBefore || signedAt > v.NotAfter) is { Subject: not null } outside)
        {
            var (subject, notBefore, notAfter) = outside;
            var state = signedAt < notBefore ? "not yet valid" : "expired";
            return new(SignatureFailure.OutsideValidity, $"certificate '{subject}' was {state} at the record's time {signedAt:O} (valid {notBefore:O} to {notAfter:O})")
            {
                Subject = subject,
                NotBefore = notBefore,
                NotAfter = notAfter,
            };
        }

        if (path.Revocation is { } revocation && signedAt >= revocation.At)
        {
            return new(SignatureFailure.Revoked, $"certificate '{revocation.Subject}' was revoked at {revocation.At:O} ({revocation.Reason}), before the record's time {signedAt:O}")
            {
                Subject = revocation.Subject,
                RevokedAt = revocation.At,
                RevocationReason = revocation.Reason,
            };
        }

        return null;
    }

    private static CertificateProblem? RoleProblem(TrustedSigner signer, Organisation.OfficerId? actor, ServiceRole? role)
    {
        var stated = signer.Role is { } has ? $"states the {has} role ({ServiceRoleUsage.Of(has)})" : "states no FileFlow service role";
        if (role is { } expected && signer.Role != expected)
        {
            var what = actor is null ? "the signature" : $"a record of the system officer '{actor}'";
            return new(SignatureFailure.WrongRole,
                $"{what} must be made with a certificate with the {expected} role ({ServiceRoleUsage.Of(expected)}); certificate '{signer.Subject}' {stated}");
        }

        if (actor is not null && role is null && signer.Role is { } service)
        {
            return new(SignatureFailure.WrongRole,
                $"certificate '{signer.Subject}' is a service certificate with the {service} role ({ServiceRoleUsage.Of(service)}) and cannot sign as officer '{actor}'");
        }

        return null;
    }

    /// <summary>What the strict parse found for one signer's constant parts: the signer (or why it is unusable) and the signing-certificate attribute's values.</summary>
    private sealed record KnownSigner(TrustedSigner? Signer, CertificateProblem? Problem, string? CertificateHashOid, ReadOnlyMemory<byte>? CertificateHash);
}
