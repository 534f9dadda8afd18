namespace FileFlow.Cli.Infrastructure;

/// <summary>The public half of the key that signs a store's Merkle checkpoints.</summary>
internal sealed record LogKeyFile(string Origin, string KeyId, string Algorithm, string PublicKey);
