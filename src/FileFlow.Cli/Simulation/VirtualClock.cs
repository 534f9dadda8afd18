namespace FileFlow.Cli.Simulation;

/// <summary>Virtual time for a simulation: a clock the simulator advances, plus a per-flow time so files acted on concurrently within one step each sign their own moment.</summary>
/// <remarks>Never reads the real clock. <see cref="Use"/> sets the time seen by the current asynchronous flow only.</remarks>
internal sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private readonly AsyncLocal<DateTimeOffset?> flow = new();
    private long ticks = start.UtcTicks;

    public DateTimeOffset Now => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => flow.Value ?? Now;

    public void AdvanceTo(DateTimeOffset time)
    {
        if (time.UtcTicks < Interlocked.Read(ref ticks))
        {
            throw new InvalidOperationException($"Virtual time runs forward only: {time:O} is before {Now:O}.");
        }

        Interlocked.Exchange(ref ticks, time.UtcTicks);
    }

    /// <summary>Makes the current flow (this async method and what it awaits) see <paramref name="time"/>.</summary>
    public void Use(DateTimeOffset? time) => flow.Value = time;
}
