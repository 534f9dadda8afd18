using System.Diagnostics;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.Cli.Simulation;

/// <summary>Runs a simulation in virtual time: day by day, the files due to act that day act concurrently (each at its own virtual minute, in order within a file), and at every midnight overdue files are escalated.</summary>
/// <remarks>Files never touch each other's documents, so acting on them concurrently within a day changes nothing but the order of file numbers; escalation runs alone at midnight, after every action before it.</remarks>
internal sealed class Simulator(SimulationOptions options)
{
    private static readonly TimeSpan Step = TimeSpan.FromDays(1);

    public OrganisationFile? Organisation { get; private set; }

    public DevelopmentCertificateAuthority? Authority { get; private set; }

    public VirtualClock? Clock { get; private set; }

    /// <summary>Gets the officers' certificate signers of the last run, which also issue the office's service credentials.</summary>
    public CertificateSigners? Signers { get; private set; }

    /// <summary>Gets what provisioning the officers' keys and certificates did, once <see cref="Provision"/> has run.</summary>
    public (string Keyring, bool Reused, int Keys, double Seconds)? Provisioning { get; private set; }

    private OrganisationChart? chart;

    private ServiceCatalog? catalog;

    /// <summary>Creates the organisation, the root certificate authority, the officers' signers and the clock, so their sidecar files can be
    /// written before the first record; <see cref="RunAsync"/> calls it when nobody did.</summary>
    public void Prepare()
    {
        if (Organisation is not null)
        {
            return;
        }

        var start = options.Start;
        Organisation = OrganisationGenerator.Generate(options.Offices, options.Seed, start, options.Days);
        chart = Organisation.ToChart();
        catalog = ServiceCatalog.LoadDefaults();
        catalog.ValidateAgainst(chart);
        Authority = DevelopmentCertificateAuthority.CreateRoot("FileFlow Simulation Root CA", start.AddYears(-5), start.AddYears(20), options.Algorithm);
        Signers = new CertificateSigners(Authority, chart, options.Algorithm, start.AddYears(-1), start.AddYears(10));
        Clock = new VirtualClock(start);
    }

    /// <summary>Before the year: loads the officers' keys from their keyring in <paramref name="keyringDirectory"/> (or generates and keeps them there),
    /// then has the authority issue every officer's certificate, all on every core; the time it takes is reported apart from the year's.</summary>
    /// <param name="progress">Called with the step ("keys" or "certificates"), how many are done and how many there are, from any thread.</param>
    public void Provision(string keyringDirectory, Action<string, int, int>? progress, CancellationToken cancellationToken)
    {
        Prepare();
        var watch = Stopwatch.StartNew();
        var officers = Organisation!.Officers.Select(o => new OfficerId(o.Id)).ToList();
        var keyring = OfficerKeyring.LoadOrCreate(keyringDirectory, options.Seed, options.Algorithm, officers, n => progress?.Invoke("keys", n, officers.Count), cancellationToken);
        Signers!.Provision(keyring, n => progress?.Invoke("certificates", n, officers.Count), cancellationToken);
        Provisioning = (keyring.Path, keyring.Reused, officers.Count, Math.Round(watch.Elapsed.TotalSeconds, 3));
    }

    /// <summary>Runs the simulation into <paramref name="store"/>; <paramref name="dayEnded"/> runs at the end of each virtual day, when no action is in flight.</summary>
    public async Task<SimulationSummary> RunAsync(
        IDocumentStore store, string storeName, Action<double, long>? progress, CancellationToken cancellationToken, Func<CancellationToken, ValueTask>? dayEnded = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var start = options.Start;
        var end = start.AddDays(options.Days);
        Prepare();
        var chart = this.chart!;
        var catalog = this.catalog!;
        var signers = Signers!;
        var clock = Clock!;
        var engine = new FileFlowEngine(store, signers, chart, new FileFlowEngineOptions { TimeProvider = clock, Services = catalog });
        var holders = Organisation!.Assignments.ToDictionary(a => new PostId(a.Post), a => new OfficerId(a.Officer));
        var world = new SimulationWorld(engine, chart, clock, catalog, holders);

        var agents = CreateAgents(chart, catalog, start);
        var byDocument = new Dictionary<DocumentId, FileAgent>(agents.Length);
        var queue = new PriorityQueue<(int Agent, int Version, DateTimeOffset Time), (long, int)>();
        foreach (var agent in agents)
        {
            queue.Enqueue((agent.Index, 0, agent.Arrival), (agent.Arrival.UtcTicks, agent.Index));
        }

        var escalations = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
        var batch = new List<(FileAgent Agent, DateTimeOffset Time)>();
        var next = new DateTimeOffset?[agents.Length];
        for (var window = start; window < end; window += Step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.AdvanceTo(window);
            if (window.TimeOfDay == TimeSpan.Zero && window > start)
            {
                var escalated = await engine.EscalateOverdueAsync(cancellationToken).ConfigureAwait(false);
                foreach (var result in escalated)
                {
                    world.Count(result);
                    escalations++;
                    if (byDocument.TryGetValue(result.Head.Id, out var agent))
                    {
                        agent.Head = result.Head;
                        agent.Version++;
                        var at = agent.NextAfter(world, window);
                        queue.Enqueue((agent.Index, agent.Version, at), (at.UtcTicks, agent.Index));
                    }
                }
            }

            var windowEnd = window + Step;
            while (queue.TryPeek(out _, out var first) && first.Item1 < windowEnd.UtcTicks)
            {
                batch.Clear();
                while (queue.TryPeek(out var item, out var priority) && priority.Item1 < windowEnd.UtcTicks)
                {
                    queue.Dequeue();
                    var agent = agents[item.Agent];
                    if (item.Version == agent.Version && !agent.Finished)
                    {
                        batch.Add((agent, item.Time));
                    }
                }

                await Parallel.ForEachAsync(batch, parallel, async (entry, _) =>
                {
                    next[entry.Agent.Index] = await entry.Agent.StepAsync(world, entry.Time).ConfigureAwait(false);
                }).ConfigureAwait(false);

                foreach (var (agent, _) in batch)
                {
                    if (agent.Head is { } head && !byDocument.ContainsKey(head.Id))
                    {
                        byDocument[head.Id] = agent;
                    }

                    if (next[agent.Index] is { } at)
                    {
                        queue.Enqueue((agent.Index, agent.Version, at), (at.UtcTicks, agent.Index));
                    }
                }
            }

            progress?.Invoke((window + Step - start).TotalDays, world.Transitions);
            if (dayEnded is not null)
            {
                await dayEnded(cancellationToken).ConfigureAwait(false);
            }
        }

        clock.AdvanceTo(end);
        var (breached, penalty) = await AssessAsync(engine, agents, end, parallel).ConfigureAwait(false);
        wall.Stop();
        var seconds = wall.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new SimulationSummary
        {
            Files = agents.Length,
            Transitions = world.Transitions,
            Sanctioned = agents.Count(a => a.Outcome == DocumentState.Approved),
            Rejected = agents.Count(a => a.Outcome == DocumentState.Rejected),
            Pending = agents.Count(a => a.Outcome is null),
            Breached = breached,
            Escalated = escalations,
            Penalty = penalty,
            WallSeconds = Math.Round(seconds, 3),
            TransitionsPerSecond = Math.Round(world.Transitions / Math.Max(seconds, 1e-9), 1),
            Offices = options.Offices,
            Posts = Organisation.Posts.Count,
            Officers = Organisation.Officers.Count,
            Delegations = Organisation.Delegations.Count,
            ReturnedToApplicant = agents.Count(a => a.ReturnedToApplicant),
            Closed = agents.Count(a => a.State == DocumentState.Closed),
            Days = options.Days,
            Seed = options.Seed,
            Algorithm = options.Algorithm.ToString(),
            CertificatesIssued = signers.Issued,
            Errors = world.Errors,
            FirstError = world.FirstError,
            Store = storeName,
            ProvisioningSeconds = Provisioning?.Seconds,
            Keyring = Provisioning?.Keyring,
            KeyringReused = Provisioning?.Reused,
            CpuSeconds = Math.Round(cpuSeconds, 3),
            CpuMicrosecondsPerRecord = world.Transitions > 0 ? Math.Round(cpuSeconds * 1e6 / world.Transitions, 1) : null,
            RawSignVerifyMicroseconds = RawPrimitive.SignVerifyMicroseconds(options.Algorithm) is { } raw ? Math.Round(raw, 1) : null,
        };
    }

    private FileAgent[] CreateAgents(OrganisationChart chart, ServiceCatalog catalog, DateTimeOffset start)
    {
        var services = catalog.Services;
        var assistants = chart.Posts.Where(p => p.Role == OrganisationGenerator.DealingAssistant).OrderBy(p => p.Id.Value, StringComparer.Ordinal).ToArray();
        var officers = chart.Officers.OrderBy(o => o.Id.Value, StringComparer.Ordinal).ToArray();
        var agents = new FileAgent[options.Files];
        var span = TimeSpan.FromDays(options.Days);
        for (var i = 0; i < agents.Length; i++)
        {
            var random = new Random(SimulationSeed.For(options.Seed, 0x5EED, i));
            // Arrivals spread over the first nine tenths of the period, at whole minutes.
            var arrival = start + TimeSpan.FromMinutes(Math.Floor(random.NextDouble() * span.TotalMinutes * 0.9));
            var post = assistants[random.Next(assistants.Length)];
            var service = services[random.Next(services.Count)];
            var applicant = "Shri/Smt " + officers[random.Next(officers.Length)].Name;
            agents[i] = new FileAgent(i, random, post.Id, post.Office.Value, post.Section ?? "EST", service, arrival, applicant);
        }

        return agents;
    }

    private static async Task<(int Breached, decimal Penalty)> AssessAsync(FileFlowEngine engine, FileAgent[] agents, DateTimeOffset end, ParallelOptions parallel)
    {
        // Only files that ran past their first due date can have breached; assess those from their signed records.
        var candidates = agents.Where(a => a.Document is not null && a.InitialDue is { } due && (a.DecidedAt ?? end) > due).ToList();
        var breached = 0;
        decimal penalty = 0;
        var gate = new Lock();
        await Parallel.ForEachAsync(candidates, parallel, async (agent, ct) =>
        {
            if (await engine.AssessPenaltyAsync(agent.Document!.Value, ct).ConfigureAwait(false) is { } a && (a.DeliveredAt ?? end) > a.DueAt)
            {
                lock (gate)
                {
                    breached++;
                    penalty += a.Amount;
                }
            }
        }).ConfigureAwait(false);
        return (breached, penalty);
    }
}
