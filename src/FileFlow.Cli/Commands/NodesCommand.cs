using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Nodes;
using Spectre.Console;

namespace FileFlow.Cli.Commands;

/// <summary>
/// <c>fileflow nodes</c>: several app node processes serving one organisation on one PostgreSQL database and acting on the same files.
/// <c>prepare</c> creates the organisation and its files once; <c>work</c> is one node; <c>check</c> proves the outcome; <c>nodes</c>
/// alone does all three for each process count and prints the throughput.
/// </summary>
internal static class NodesCommand
{
    private static readonly JsonSerializerOptions Line = new(CliContext.Json) { WriteIndented = false };

    public static Command Create(CliContext context, CommonOptions common)
    {
        var files = new Option<int>("--files") { Description = "How many service files to prepare", DefaultValueFactory = _ => 200, HelpName = "N" };
        var offices = new Option<int>("--offices") { Description = "How many offices the organisation has", DefaultValueFactory = _ => 2, HelpName = "K" };
        var seed = new Option<int>("--seed") { Description = "The random seed of the organisation and the files", DefaultValueFactory = _ => 1, HelpName = "S" };
        var force = new Option<bool>("--force") { Description = "Replace a store already in the schema" };
        var concurrency = new Option<int>("--concurrency") { Description = "Files each node moves at once", DefaultValueFactory = _ => 8, HelpName = "C" };
        var retryFor = new Option<int>("--retry-for")
        {
            Description = "Seconds a node keeps retrying an action while the database is unreachable or read-only", DefaultValueFactory = _ => 60, HelpName = "SECONDS",
        };
        var processes = new Option<string>("--processes")
        {
            Description = "The node process counts to run, each on a fresh copy of the files (schema <schema>_p<N> when more than one)",
            DefaultValueFactory = _ => "1,2,4",
            HelpName = "LIST",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds a run of the nodes may take before they are stopped", DefaultValueFactory = _ => 600, HelpName = "SECONDS",
        };

        var command = new Command(
            "nodes",
            "Run several app node processes on one PostgreSQL store, acting on the same files; check the store and print the throughput per process count")
        {
            processes, files, offices, seed, concurrency, retryFor, timeout, force, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var counts = ParseCounts(result.GetValue(processes)!);
            var location = Postgres(common.Location(result));
            var rows = new List<NodesRun>();
            foreach (var count in counts)
            {
                var at = counts.Count == 1 ? location : location with { Schema = location.Schema + "_p" + count.ToString(CultureInfo.InvariantCulture) };
                var (fileCount, officeCount) = (Positive(result.GetValue(files), "--files"), Positive(result.GetValue(offices), "--offices"));
                await PrepareAsync(at, fileCount, officeCount, result.GetValue(seed), result.GetValue(force), ct).ConfigureAwait(false);
                rows.Add(await RunNodesAsync(context, at, count, Positive(result.GetValue(concurrency), "--concurrency"), result.GetValue(retryFor),
                    TimeSpan.FromSeconds(Positive(result.GetValue(timeout), "--timeout")), ct).ConfigureAwait(false));
            }

            if (result.GetValue(common.Json))
            {
                context.WriteJson(new JsonList<NodesRun>(rows, rows.Count, null));
            }
            else
            {
                PrintRuns(context, rows);
            }

            return rows.All(r => r.Check.Holds && r.Errors == 0) ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });

        command.Add(PrepareCommand(context, common, files, offices, seed, force));
        command.Add(WorkCommand(context, common, seed, concurrency, retryFor));
        command.Add(CheckCommand(context, common));
        return command;
    }

    private static Command PrepareCommand(CliContext context, CommonOptions common, Option<int> files, Option<int> offices, Option<int> seed, Option<bool> force)
    {
        var command = new Command("prepare", "Create the organisation, its officers' keys (sidecar .officers.json, secret) and the files the nodes will move")
        {
            files, offices, seed, force, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = Postgres(common.Location(result));
            var count = Positive(result.GetValue(files), "--files");
            await PrepareAsync(location, count, Positive(result.GetValue(offices), "--offices"), result.GetValue(seed), result.GetValue(force), ct).ConfigureAwait(false);
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new { schema = location.Schema, files = count });
            }
            else
            {
                context.Out.WriteLine(
                    $"Prepared {count:N0} files in {location.DisplayName}; start nodes with: fileflow nodes work --node N --of M --postgres … --schema {location.Schema}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command WorkCommand(CliContext context, CommonOptions common, Option<int> seed, Option<int> concurrency, Option<int> retryFor)
    {
        var node = new Option<int>("--node")
        {
            Description = "This node's number, from 0: its share of the files is every file whose index modulo --of is I", DefaultValueFactory = _ => 0, HelpName = "I",
        };
        var of = new Option<int>("--of") { Description = "How many nodes share the files", DefaultValueFactory = _ => 1, HelpName = "N" };
        var ackLog = new Option<string?>("--ack-log")
        {
            Description = "Append each acknowledged action (action id, document, sequence) to this file, flushed as it lands", HelpName = "PATH",
        };
        var wait = new Option<bool>("--wait") { Description = "Print 'ready' once loaded and wait for a line on stdin before starting (used by 'fileflow nodes')" };
        var command = new Command("work", "Be one app node: move every file of the prepared organisation to its close, retrying through the database's loss")
        {
            node, of, seed, concurrency, retryFor, ackLog, wait, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = Postgres(common.Location(result));
            var sidecars = new Sidecars(location.SidecarPrefix);
            var office = NodeOffice.Load(sidecars);
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var engine = office.CreateEngine(opened.Store);
            var options = new NodeWorkerOptions(result.GetValue(node), Positive(result.GetValue(of), "--of"), result.GetValue(seed),
                Positive(result.GetValue(concurrency), "--concurrency"), TimeSpan.FromSeconds(Positive(result.GetValue(retryFor), "--retry-for")));
            var acknowledged = result.GetValue(ackLog) is { } path
                ? new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
                : null;
            NodeSummary summary;
            try
            {
                if (result.GetValue(wait))
                {
                    await context.Out.WriteLineAsync("ready").ConfigureAwait(false);
                    await context.Out.FlushAsync(ct).ConfigureAwait(false);
                    _ = await Console.In.ReadLineAsync(ct).ConfigureAwait(false);
                }

                summary = await new NodeWorker(office, engine, options, acknowledged).RunAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                if (acknowledged is not null)
                {
                    await acknowledged.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (result.GetValue(common.Json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(summary, Line)).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"node {summary.Node}: {summary.Applied:N0} actions applied, {summary.Replayed:N0} found applied by another node, " +
                    $"{summary.RetriedActions:N0} retried after a lost connection, {summary.Errors:N0} failed, in {summary.Seconds:0.00} s").ConfigureAwait(false);
            }

            if (summary.Errors > 0)
            {
                await context.Error.WriteLineAsync($"fileflow: node {summary.Node}: {summary.Errors} actions failed; first: {summary.FirstError}").ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CheckCommand(CliContext context, CommonOptions common)
    {
        var acks = new Option<string[]>("--acks")
        {
            Description = "Acknowledgement logs ('work --ack-log') whose every action must be in the store", AllowMultipleArgumentsPerToken = true, HelpName = "PATH",
        };
        var command = new Command(
            "check",
            "Check the nodes' work: the store verifies, every file is closed by derived action ids, no action landed twice, every acknowledged action is there")
        {
            acks, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = Postgres(common.Location(result));
            var check = await CheckAsync(location, result.GetValue(acks) ?? [], ct).ConfigureAwait(false);
            if (result.GetValue(common.Json))
            {
                context.WriteJson(check);
            }
            else
            {
                await context.Out.WriteLineAsync(Describe(check)).ConfigureAwait(false);
            }

            if (!check.Holds)
            {
                await context.Error.WriteLineAsync("fileflow: nodes check failed: " + Describe(check)).ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task PrepareAsync(StoreLocation location, int files, int offices, int seed, bool force, CancellationToken ct)
    {
        var sidecars = new Sidecars(location.SidecarPrefix);
        var existing = sidecars.All.Append(NodeOffice.OfficersPath(sidecars)).Where(File.Exists).ToList();
        var schemaExists = await StoreFactory.PostgresSchemaExistsAsync(location.PostgresConnection!, location.Schema, ct).ConfigureAwait(false);
        if ((schemaExists || existing.Count > 0) && !force)
        {
            throw new CliException(schemaExists
                ? $"PostgreSQL schema '{location.Schema}' already holds a store: pass --force to drop and replace it, or --schema another name"
                : $"'{existing[0]}' already exists: pass --force to replace it, or --state-dir another folder");
        }

        if (schemaExists)
        {
            await StoreFactory.DropPostgresSchemaAsync(location.PostgresConnection!, location.Schema, ct).ConfigureAwait(false);
        }

        existing.ForEach(File.Delete);
        var opened = await StoreFactory.OpenAsync(location, mustExist: false, cancellationToken: ct).ConfigureAwait(false);
        await using var disposeStore = opened.ConfigureAwait(false);
        await NodeOffice.PrepareAsync(opened.Store, sidecars, offices, files, seed, ct).ConfigureAwait(false);
    }

    private static async Task<NodeCheckResult> CheckAsync(StoreLocation location, IReadOnlyList<string> acks, CancellationToken ct)
    {
        var sidecars = new Sidecars(location.SidecarPrefix);
        var office = NodeOffice.Load(sidecars);
        var opened = await StoreFactory.OpenAsync(location, mustExist: true, cancellationToken: ct).ConfigureAwait(false);
        await using var disposeStore = opened.ConfigureAwait(false);
        return await NodeCheck.RunAsync(opened.Store, office, sidecars, acks, ct).ConfigureAwait(false);
    }

    /// <summary>Starts <paramref name="count"/> node processes, releases them together, waits for them and checks the store.</summary>
    private static async Task<NodesRun> RunNodesAsync(
        CliContext context, StoreLocation location, int count, int concurrency, int retryFor, TimeSpan timeout, CancellationToken ct)
    {
        var processes = new List<Process>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var start = SelfStart();
                foreach (var arg in new[]
                {
                    "nodes", "work", "--node", i.ToString(CultureInfo.InvariantCulture), "--of", count.ToString(CultureInfo.InvariantCulture),
                    "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
                    "--retry-for", retryFor.ToString(CultureInfo.InvariantCulture), "--wait", "--json",
                    "--schema", location.Schema, "--state-dir", Path.GetFullPath(location.StateDirectory),
                })
                {
                    start.ArgumentList.Add(arg);
                }

                // The connection string (and any password in it) goes by environment, not on the command line other users can read.
                start.Environment[StoreLocation.PostgresEnvironmentVariable] = location.PostgresConnection!;
                start.RedirectStandardInput = true;
                start.RedirectStandardOutput = true;
                start.RedirectStandardError = true;
                start.UseShellExecute = false;
                processes.Add(Process.Start(start) ?? throw new CliException("cannot start a node process"));
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            var errors = processes.Select(p => p.StandardError.ReadToEndAsync(limit.Token)).ToList();
            foreach (var (process, i) in processes.Select((p, i) => (p, i)))
            {
                var ready = await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false);
                if (ready != "ready")
                {
                    await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                    throw new CliException($"node {i} did not start: {OneLine(await errors[i].ConfigureAwait(false))}");
                }
            }

            var watch = Stopwatch.StartNew();
            foreach (var process in processes)
            {
                await process.StandardInput.WriteLineAsync("go").ConfigureAwait(false);
                await process.StandardInput.FlushAsync(limit.Token).ConfigureAwait(false);
            }

            var outputs = await Task.WhenAll(processes.Select(p => p.StandardOutput.ReadToEndAsync(limit.Token))).ConfigureAwait(false);
            await Task.WhenAll(processes.Select(p => p.WaitForExitAsync(limit.Token))).ConfigureAwait(false);
            watch.Stop();
            var summaries = new List<NodeSummary>();
            for (var i = 0; i < count; i++)
            {
                var last = outputs[i].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
                summaries.Add(last is not null && last.StartsWith('{') ? JsonSerializer.Deserialize<NodeSummary>(last, CliContext.Json)!
                    : throw new CliException($"node {i} exited with {processes[i].ExitCode}: {OneLine(await errors[i].ConfigureAwait(false))}"));
            }

            var check = await CheckAsync(location, [], ct).ConfigureAwait(false);
            var applied = summaries.Sum(s => s.Applied);
            var seconds = Math.Round(watch.Elapsed.TotalSeconds, 3);
            if (!context.Interactive)
            {
                await context.Error.WriteLineAsync($"nodes: {count} processes: {applied:N0} actions in {seconds:0.00} s; {Describe(check)}").ConfigureAwait(false);
            }

            return new NodesRun(count, location.Schema, check.Files, applied, summaries.Sum(s => s.Replayed), summaries.Sum(s => s.Conflicts),
                summaries.Sum(s => s.RetriedActions), summaries.Sum(s => s.Errors), seconds, Math.Round(applied / Math.Max(seconds, 1e-9), 1), check, summaries);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"the {count} node processes did not finish within {timeout.TotalSeconds:0} s (--timeout)");
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    /// <summary>How to start this tool again: its apphost, or <c>dotnet FileFlow.Cli.dll</c> (also when the tool runs inside another host, as in tests).</summary>
    private static ProcessStartInfo SelfStart()
    {
        var dll = typeof(NodesCommand).Assembly.Location;
        var host = Environment.ProcessPath;
        var name = Path.GetFileNameWithoutExtension(host);
        if (host is not null && (name == "FileFlow.Cli" || name == "fileflow"))
        {
            return new ProcessStartInfo(host);
        }

        var dotnet = name == "dotnet" ? host! : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet);
        start.ArgumentList.Add(dll);
        return start;
    }

    private static void PrintRuns(CliContext context, List<NodesRun> rows)
    {
        var table = new Table().Title("App nodes on one PostgreSQL store").AddColumns("processes", "files", "actions", "found applied by another node",
            "conflicts", "seconds", "actions/s", "store");
        foreach (var r in rows)
        {
            static string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
            table.AddRow(N(r.Processes), N(r.Files), N(r.Actions), N(r.Replayed), N(r.Conflicts), N(r.Seconds, "0.00"), N(r.ActionsPerSecond),
                Markup.Escape(r.Check.Holds ? "holds" : "FAILED: " + Describe(r.Check)));
        }

        context.Console.Write(table);
        foreach (var r in rows)
        {
            context.Out.WriteLine($"{r.Processes} processes: schema {r.Schema}; {Describe(r.Check)}");
        }
    }

    private static string Describe(NodeCheckResult c) =>
        $"{(c.Verified ? "verified" : "NOT VERIFIED")} {c.VerifiedRecords:N0} records; {c.Closed:N0}/{c.Files:N0} files closed; {c.Steps:N0} node steps, " +
        $"{c.ForeignSteps:N0} not under their derived action id; {c.DuplicateActions:N0} actions applied twice; " +
        $"{c.Acknowledged - c.AcknowledgedMissing:N0}/{c.Acknowledged:N0} acknowledged actions present" +
        (c.FirstFailure is { } failure ? $"; first bad record: {failure}" : string.Empty)
        + (c.FirstMissing is { } missing ? $"; first missing action: {missing}" : string.Empty);

    private static StoreLocation Postgres(StoreLocation location) =>
        location.IsPostgres ? location : throw new CliException("'fileflow nodes' runs app nodes on one PostgreSQL store: pass --postgres CONNECTION");

    private static List<int> ParseCounts(string text)
    {
        var counts = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            counts.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
                ? n
                : throw new CliException($"--processes takes numbers from 1 to 64 separated by commas, not '{part}'"));
        }

        return counts.Count > 0 ? counts : throw new CliException("--processes needs at least one number");
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw new CliException($"{name} must be a positive number, not {value}");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    internal sealed record NodesRun(int Processes, string Schema, int Files, long Actions, long Replayed, long Conflicts, long RetriedActions, long Errors,
        double Seconds, double ActionsPerSecond, NodeCheckResult Check, List<NodeSummary> Nodes);
}
