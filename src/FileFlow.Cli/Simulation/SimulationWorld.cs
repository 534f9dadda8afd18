using FileFlow.Authority;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;

namespace FileFlow.Cli.Simulation;

/// <summary>What every file agent shares: the engine, the chart, the clock, who holds which post, and the running counts.</summary>
internal sealed class SimulationWorld(FileFlowEngine engine, OrganisationChart chart, VirtualClock clock, ServiceCatalog services, IReadOnlyDictionary<PostId, OfficerId> holders)
{
    private long transitions;
    private long actions;
    private long errors;
    private string? firstError;

    public FileFlowEngine Engine { get; } = engine;

    public OrganisationChart Chart { get; } = chart;

    public VirtualClock Clock { get; } = clock;

    public ServiceCatalog Services { get; } = services;

    /// <summary>Gets the authority policy the engine applies; agents ask it who may decide instead of restating the rules.</summary>
    public AuthorityPolicy Authority { get; } = new(chart, services);

    public long Transitions => Interlocked.Read(ref transitions);

    public long Actions => Interlocked.Read(ref actions);

    public long Errors => Interlocked.Read(ref errors);

    public string? FirstError => Volatile.Read(ref firstError);

    /// <summary>Returns the officer who acts for a post at a time: its holder, or while the holder is on leave, the holder of the post in current charge.</summary>
    public OfficerId ActorFor(PostId post, DateTimeOffset at) =>
        Chart.DelegateOf(post, at) is { } acting && holders.TryGetValue(acting, out var delegateOfficer) ? delegateOfficer : holders[post];

    public ActionResult Count(ActionResult result)
    {
        Interlocked.Add(ref transitions, 1 + result.Related.Length);
        Interlocked.Increment(ref actions);
        return result;
    }

    public void Fail(Exception e)
    {
        Interlocked.Increment(ref errors);
        Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
    }
}
