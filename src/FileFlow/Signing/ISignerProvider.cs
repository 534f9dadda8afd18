using FileFlow.Organisation;

namespace FileFlow.Signing;

/// <summary>Finds the signer an officer signs with.</summary>
public interface ISignerProvider
{
    /// <summary>Returns the signer of <paramref name="officer"/>.</summary>
    /// <exception cref="SignerNotFoundException">The officer has no registered signer.</exception>
    ISigner GetSigner(OfficerId officer);
}
