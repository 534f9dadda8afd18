using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Simulation;

/// <summary>What to simulate.</summary>
internal sealed record SimulationOptions
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public int Files { get; init; } = 1000;

    public int Days { get; init; } = 90;

    public int Offices { get; init; } = 20;

    public int Seed { get; init; } = 1;

    public CertificateKeyAlgorithm Algorithm { get; init; } = CertificateKeyAlgorithm.EcdsaP256;

    public int Concurrency { get; init; } = 256;

    public DateTimeOffset Start { get; init; } = DefaultStart;
}
