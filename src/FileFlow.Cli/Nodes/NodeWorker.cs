using System.Diagnostics;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.PostgreSql;
using FileFlow.Storage;

namespace FileFlow.Cli.Nodes;

/// <summary>
/// One app node: walks every file of the organisation (the first few in the same order as every other node, so nodes race on them;
/// then its own share; then the others') and moves each to its close through its own engine, retrying an action interrupted by the loss of the
/// database server with the same action id until a server takes writes again.
/// </summary>
internal sealed class NodeWorker(NodeOffice office, FileFlowEngine engine, NodeWorkerOptions options, TextWriter? acknowledged)
{
    /// <summary>How many files every node takes in the same order first.</summary>
    public const int SharedFiles = 16;

    private readonly Lock gate = new();
    private long applied;
    private long replayed;
    private long conflicts;
    private long retriedActions;
    private long retryAttempts;
    private long errors;
    private string? firstError;
    private long outageStart = -1;
    private double longestOutage;

    public async Task<NodeSummary> RunAsync(CancellationToken cancellationToken)
    {
        var store = engine.Store;
        var files = new List<DocumentId>();
        await foreach (var head in store.QueryAllAsync(new DocumentQuery { Kind = DocumentKind.File, Limit = 1000 }, cancellationToken).ConfigureAwait(false))
        {
            files.Add(head.Id);
        }

        files.Sort((a, b) => a.Value.CompareTo(b.Value));
        // Every node first takes the shared files in one order (so nodes race on the same actions), then its own share as a load
        // balancer would route them, then everyone else's, to finish what a slower node has not reached (mostly found closed by then).
        var rest = files.Skip(SharedFiles).ToList();
        var random = new Random((options.Seed * 7919) + options.Node);
        var own = rest.Where((_, i) => i % options.Nodes == options.Node % options.Nodes).ToArray();
        var others = rest.Where((_, i) => i % options.Nodes != options.Node % options.Nodes).ToArray();
        random.Shuffle(own);
        random.Shuffle(others);
        var order = files.Take(SharedFiles).Concat(own).Concat(others).ToList();

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (file, ct) => await AdvanceAsync(file, watch, ct).ConfigureAwait(false)).ConfigureAwait(false);
        watch.Stop();
        return new NodeSummary(options.Node, files.Count, Interlocked.Read(ref applied), Interlocked.Read(ref replayed), Interlocked.Read(ref conflicts),
            Interlocked.Read(ref retriedActions), Interlocked.Read(ref retryAttempts), Math.Round(longestOutage, 3), Interlocked.Read(ref errors), firstError,
            Math.Round(watch.Elapsed.TotalSeconds, 3));
    }

    private async Task AdvanceAsync(DocumentId file, Stopwatch watch, CancellationToken cancellationToken)
    {
        try
        {
            await AdvanceToCloseAsync(file, watch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileFlowException || PostgreSqlDocumentStore.IsTransient(e))
        {
            // A refused action, or a server still gone after the retry budget: counted, and the node moves on to its next file.
            Fail(e);
        }
    }

    private async Task AdvanceToCloseAsync(DocumentId file, Stopwatch watch, CancellationToken cancellationToken)
    {
        // A file's route is a handful of steps; the bound only guards against a plan that never closes.
        for (var step = 0; step < 64; step++)
        {
            var (head, _) = await WithRetryAsync(() => engine.Store.GetHeadAsync(file, cancellationToken).AsTask(), watch, cancellationToken).ConfigureAwait(false);
            if (head is null || NodePlan.Next(office, head, TimeProvider.System.GetUtcNow()) is not { } action)
            {
                return;
            }

            // The same action, under the same id, until it lands or is found landed: a retry after a lost commit returns the first record.
            var (result, interrupted) = await WithRetryAsync<ActionResult>(async () =>
            {
                try
                {
                    return await engine.FireAsync(action, cancellationToken).ConfigureAwait(false);
                }
                catch (ConcurrencyException)
                {
                    // Another node moved the file by a different step between our read and our append: read it again.
                    Interlocked.Increment(ref conflicts);
                    return null;
                }
            }, watch, cancellationToken).ConfigureAwait(false);
            if (interrupted)
            {
                Interlocked.Increment(ref retriedActions);
            }

            if (result is null)
            {
                continue;
            }

            Interlocked.Increment(ref result.Replayed ? ref replayed : ref applied);
            if (acknowledged is not null)
            {
                lock (gate)
                {
                    var how = (result.Replayed ? "replayed" : "applied") + (interrupted ? " retried" : string.Empty);
                    acknowledged.WriteLine($"{action.ActionId:D} {file.Value:D} {result.Record.Sequence} {how}");
                    acknowledged.Flush();
                }
            }
        }
    }

    /// <summary>Runs an attempt, and again while the server is unreachable, lost or read-only, within the retry budget; says whether it retried.</summary>
    private async Task<(T? Value, bool Retried)> WithRetryAsync<T>(Func<Task<T?>> attempt, Stopwatch watch, CancellationToken cancellationToken)
        where T : class
    {
        var delay = TimeSpan.FromMilliseconds(50);
        var deadline = TimeProvider.System.GetUtcNow() + options.RetryFor;
        var retried = false;
        while (true)
        {
            try
            {
                var value = await attempt().ConfigureAwait(false);
                if (retried)
                {
                    EndOutage(watch);
                }

                return (value, retried);
            }
            catch (Exception e) when (PostgreSqlDocumentStore.IsTransient(e) && !cancellationToken.IsCancellationRequested
                                      && TimeProvider.System.GetUtcNow() < deadline)
            {
                retried = true;
                Interlocked.Increment(ref retryAttempts);
                Interlocked.CompareExchange(ref outageStart, watch.ElapsedTicks, -1);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
            }
        }
    }

    private void EndOutage(Stopwatch watch)
    {
        var started = Interlocked.Exchange(ref outageStart, -1);
        if (started >= 0)
        {
            var seconds = (watch.ElapsedTicks - started) / (double)Stopwatch.Frequency;
            lock (gate)
            {
                longestOutage = Math.Max(longestOutage, seconds);
            }
        }
    }

    private void Fail(Exception e)
    {
        Interlocked.Increment(ref errors);
        Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", null);
    }
}

/// <summary>How a node works: its number and the number of nodes, files moved at once, how long it retries through a server's loss.</summary>
internal sealed record NodeWorkerOptions(int Node, int Nodes, int Seed, int Concurrency, TimeSpan RetryFor);

/// <summary>What one node did: actions applied, actions found applied by another node (same id), conflicts, retries, outage.</summary>
internal sealed record NodeSummary(int Node, int Files, long Applied, long Replayed, long Conflicts, long RetriedActions, long RetryAttempts,
    double LongestOutageSeconds, long Errors, string? FirstError, double Seconds);
