using System.Collections.Immutable;

namespace FileFlow.Audit;

/// <summary>The outcome of verifying one document or a whole store.</summary>
/// <param name="Documents">How many documents were checked.</param>
/// <param name="Records">How many records were checked.</param>
/// <param name="Failures">The first bad record of each bad document, in the order found.</param>
public sealed record VerificationReport(long Documents, long Records, ImmutableArray<VerificationFailure> Failures)
{
    /// <summary>Gets the subject of the certificate that signed an export bundle's manifest, when that signature verified to a trust anchor.</summary>
    /// <value><see langword="null"/> for store verification, and for bundles whose manifest signature failed.</value>
    public string? ManifestSigner { get; init; }

    /// <summary>Gets whether every record verified.</summary>
    public bool IsValid => Failures.IsEmpty;

    /// <summary>Throws when any record is bad: <see cref="SignatureVerificationException"/> for a bad signature, <see cref="VerificationFailedException"/> otherwise.</summary>
    public void ThrowIfInvalid()
    {
        if (Failures.IsEmpty)
        {
            return;
        }

        var first = Failures[0];
        throw first.Kind == VerificationFailureKind.BadSignature
            ? new SignatureVerificationException(first)
            : new VerificationFailedException(first);
    }
}
