using FileFlow.Audit;

namespace FileFlow.Cli.Infrastructure;

/// <summary>The public half of the key that signs a store's Merkle checkpoints.</summary>
internal sealed record LogKeyFile(string Origin, string KeyId, string Algorithm, string PublicKey)
{
    /// <summary>A checkpoint verifier that accepts this key's signatures for this origin.</summary>
    public CheckpointVerifier CreateVerifier()
    {
        try
        {
            return new CheckpointVerifier().Register(Origin, KeyId, Algorithm, Convert.FromBase64String(PublicKey));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new CliException($"the log key for '{Origin}' is not usable: {e.Message}");
        }
    }
}
