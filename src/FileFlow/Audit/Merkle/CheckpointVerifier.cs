using System.Collections.Concurrent;
using FileFlow.Signing;
using System.Security.Cryptography;
using FileFlow.Signing.Keys;

namespace FileFlow.Audit;

/// <summary>Verifies signed checkpoints against public keys registered for each log origin: a key trusted for one log cannot vouch for another.</summary>
/// <remarks>Thread-safe. Accepts the raw schemes of <see cref="SignatureAlgorithms"/>.</remarks>
public sealed class CheckpointVerifier : ICheckpointVerifier
{
    private readonly ConcurrentDictionary<(string Origin, string KeyId), RawPublicKey> keys = new();

    /// <summary>Trusts a public key (DER SubjectPublicKeyInfo) to sign checkpoints of one log.</summary>
    /// <exception cref="ArgumentException">The scheme is not supported or the key cannot be parsed.</exception>
    public CheckpointVerifier Register(string origin, string keyId, string algorithm, ReadOnlySpan<byte> publicKeyInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(algorithm);
        keys[(origin, keyId)] = RawPublicKey.Create(algorithm, publicKeyInfo, keyId);
        return this;
    }

    /// <summary>Trusts the public half of a software key to sign checkpoints of one log.</summary>
    public CheckpointVerifier Register(string origin, SoftwareKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Register(origin, key.KeyId, key.Algorithm, key.PublicKeyInfo.Span);
    }

    /// <inheritdoc />
    public SignatureCheck Verify(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!keys.TryGetValue((checkpoint.Checkpoint.Origin, checkpoint.KeyId), out var entry))
        {
            return SignatureCheck.Fail(SignatureFailure.UnknownKey, $"key '{checkpoint.KeyId}' is not trusted for log '{checkpoint.Checkpoint.Origin}'");
        }

        if (checkpoint.Signature.Algorithm != entry.Algorithm)
        {
            return SignatureCheck.Fail(SignatureFailure.Malformed, $"signature scheme '{checkpoint.Signature.Algorithm}' does not match the key's '{entry.Algorithm}'");
        }

        try
        {
            return entry.Verify(checkpoint.Checkpoint.ToCanonicalBytes(), checkpoint.Signature.Value)
                ? SignatureCheck.Valid
                : SignatureCheck.Fail(SignatureFailure.Invalid, "the signature does not match the checkpoint");
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return SignatureCheck.Fail(SignatureFailure.Malformed, "the signature is malformed: " + e.Message);
        }
    }

}
