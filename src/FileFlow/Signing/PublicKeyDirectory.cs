using System.Collections.Concurrent;
using FileFlow.Organisation;
using FileFlow.Records;
using System.Security.Cryptography;
using FileFlow.Signing.Keys;

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
        keys[keyId] = new Entry(owner, RawPublicKey.Create(algorithm, publicKeyInfo, keyId));
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

        if (signature.Algorithm != entry.Key.Algorithm)
        {
            return SignatureCheck.Fail(SignatureFailure.Malformed, $"signature scheme '{signature.Algorithm}' does not match the key's '{entry.Key.Algorithm}'");
        }

        try
        {
            return entry.Key.Verify(canonicalBytes, signature.Value)
                ? SignatureCheck.Valid
                : SignatureCheck.Fail(SignatureFailure.Invalid, "the signature does not match the record's bytes");
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return SignatureCheck.Fail(SignatureFailure.Malformed, "the signature is malformed: " + e.Message);
        }
    }

    private sealed record Entry(OfficerId Owner, RawPublicKey Key);
}
