using System.Collections.Concurrent;
using FileFlow.Organisation;

namespace FileFlow.Signing;

/// <summary>An in-memory map from officers to their signers.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class SignerRegistry : ISignerProvider
{
    private readonly ConcurrentDictionary<OfficerId, ISigner> signers = new();

    /// <summary>Registers (or replaces) the signer of an officer.</summary>
    public SignerRegistry Register(OfficerId officer, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        signers[officer] = signer;
        return this;
    }

    /// <inheritdoc />
    public ISigner GetSigner(OfficerId officer) =>
        signers.TryGetValue(officer, out var signer) ? signer : throw new SignerNotFoundException(officer);
}
