using System.Security.Cryptography;

namespace FileFlow.Records;

/// <summary>A SHA-256 digest, compared by value and printed as 64 lowercase hexadecimal digits.</summary>
public readonly struct Hash256 : IEquatable<Hash256>
{
    /// <summary>The length of a digest in bytes.</summary>
    public const int Length = 32;

    private readonly byte[]? bytes;

    private Hash256(byte[] bytes) => this.bytes = bytes;

    /// <summary>Gets the all-zero digest, used as the previous hash of a document's first record.</summary>
    public static Hash256 Zero { get; } = new(new byte[Length]);

    /// <summary>Gets the digest's bytes.</summary>
    public ReadOnlySpan<byte> Span => bytes ?? Zero.bytes!;

    /// <summary>Gets whether this is the all-zero digest.</summary>
    public bool IsZero => Span.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Computes the SHA-256 digest of <paramref name="data"/>.</summary>
    public static Hash256 Compute(ReadOnlySpan<byte> data)
    {
        var result = new byte[Length];
        SHA256.HashData(data, result);
        return new Hash256(result);
    }

    /// <summary>Wraps 32 bytes as a digest.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public static Hash256 FromBytes(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != Length)
        {
            throw new ArgumentException($"A SHA-256 digest is {Length} bytes, not {digest.Length}.", nameof(digest));
        }

        return new Hash256(digest.ToArray());
    }

    /// <summary>Parses 64 hexadecimal digits.</summary>
    /// <exception cref="FormatException">The text is not 64 hexadecimal digits.</exception>
    public static Hash256 Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Length * 2)
        {
            throw new FormatException($"A SHA-256 digest is 64 hexadecimal digits, not {hex.Length} characters.");
        }

        return new Hash256(Convert.FromHexString(hex));
    }

    /// <summary>Returns a copy of the digest's bytes.</summary>
    public byte[] ToArray() => Span.ToArray();

    /// <inheritdoc />
    public bool Equals(Hash256 other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(Span[..4]);

    /// <summary>Returns the digest as 64 lowercase hexadecimal digits.</summary>
    public override string ToString() => Convert.ToHexStringLower(Span);

    /// <summary>Compares two digests by value.</summary>
    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);

    /// <summary>Compares two digests by value.</summary>
    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);
}
