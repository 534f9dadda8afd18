using System.Collections.Concurrent;
using FileFlow.Organisation;
using FileFlow.Records;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace FileFlow.Signing;

/// <summary>Verifies raw signatures against registered public keys, each bound to the officer who owns it.</summary>
/// <remarks>Thread-safe. For certificate-based (CMS) signatures, use the certificate verifier instead.</remarks>
public sealed class PublicKeyDirectory : ISignatureVerifier
{
    private readonly ConcurrentDictionary<string, Entry> keys = new(StringComparer.Ordinal);

    /// <summary>Registers a public key (DER SubjectPublicKeyInfo) under a key identifier, owned by an officer.</summary>
    /// <exception cref="ArgumentException">The scheme is not supported or the key cannot be parsed.</exception>
    public PublicKeyDirectory Register(string keyId, OfficerId owner, string algorithm, ReadOnlySpan<byte> publicKeyInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        AsymmetricKeyParameter key;
        try
        {
            key = PublicKeyFactory.CreateKey(publicKeyInfo.ToArray());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"The public key for '{keyId}' is not a valid SubjectPublicKeyInfo: {e.Message}", nameof(publicKeyInfo), e);
        }

        keys[keyId] = new Entry(owner, algorithm, SoftwareKey.BouncyCastleName(algorithm), key);
        return this;
    }

    /// <summary>Registers the public half of a software key, owned by an officer.</summary>
    public PublicKeyDirectory Register(SoftwareKey key, OfficerId owner)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Register(key.KeyId, owner, key.Algorithm, key.PublicKeyInfo.Span);
    }

    /// <inheritdoc />
    public SignatureCheck Verify(TransitionRecord record, ReadOnlySpan<byte> canonicalBytes, RecordSignature signature)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(signature);
        if (!keys.TryGetValue(record.SignerKeyId, out var entry))
        {
            return SignatureCheck.Fail(SignatureFailure.UnknownKey, $"key '{record.SignerKeyId}' is not registered");
        }

        if (entry.Owner != record.Actor)
        {
            return SignatureCheck.Fail(SignatureFailure.WrongSigner, $"key '{record.SignerKeyId}' belongs to '{entry.Owner}', not the actor '{record.Actor}'");
        }

        if (signature.Algorithm != entry.Algorithm)
        {
            return SignatureCheck.Fail(SignatureFailure.Malformed, $"signature scheme '{signature.Algorithm}' does not match the key's '{entry.Algorithm}'");
        }

        try
        {
            var verifier = SignerUtilities.GetSigner(entry.BouncyCastleName);
            verifier.Init(false, entry.Key);
            verifier.BlockUpdate(canonicalBytes);
            return verifier.VerifySignature(signature.Value)
                ? SignatureCheck.Valid
                : SignatureCheck.Fail(SignatureFailure.Invalid, "the signature does not match the record's bytes");
        }
        catch (Exception e) when (e is CryptoException or ArgumentException or InvalidOperationException)
        {
            return SignatureCheck.Fail(SignatureFailure.Malformed, "the signature is malformed: " + e.Message);
        }
    }

    private sealed record Entry(OfficerId Owner, string Algorithm, string BouncyCastleName, AsymmetricKeyParameter Key);
}
