namespace FileFlow.Cli.Simulation;

/// <summary>
/// Derives the seeds of a simulation's random generators from the user's <c>--seed</c>. Deterministic across processes and machines,
/// unlike <see cref="HashCode.Combine{T1, T2}"/>, whose hashes are randomised per process (which made the same seed give different runs).
/// </summary>
internal static class SimulationSeed
{
    /// <summary>The seed of generator <paramref name="index"/> of a <paramref name="stream"/> (the organisation, the files) under <paramref name="seed"/>.</summary>
    public static int For(int seed, int stream, int index = 0)
    {
        // SplitMix64 finaliser over the three inputs: well mixed, and fixed by the inputs alone.
        var z = unchecked(((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)index * 0xD1B54A32D192ED03UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }
}
