using System.CommandLine;
using System.Globalization;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;
using Spectre.Console;

namespace FileFlow.Cli.Commands;

/// <summary>The reporting commands that page through a store: <c>files</c>, <c>inbox</c>, <c>history</c>, <c>pending</c>, and <c>services</c>.</summary>
internal static class ListCommands
{
    public static Command Files(CliContext context, CommonOptions common)
    {
        var state = new Option<string?>("--state") { Description = "Only files in this state (Draft, Forwarded, Approved, Rejected, Closed, WithApplicant, …)", HelpName = "STATE" };
        var service = new Option<string?>("--service") { Description = "Only files for this service id", HelpName = "ID" };
        var text = new Option<string?>("--search") { Description = "File number prefix or words of the subject", HelpName = "TEXT" };
        var limit = new Option<int>("--limit") { Description = "Most files to list", DefaultValueFactory = _ => 50, HelpName = "N" };
        var after = AfterOption();
        var command = new Command("files", "List files (number, subject, service, state, holder), paging through the store") { state, service, text, limit, after, common.Json };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var query = new DocumentQuery
            {
                Kind = DocumentKind.File,
                State = result.GetValue(state) is { } s ? ParseEnum<DocumentState>(s, "--state") : null,
                ServiceId = result.GetValue(service),
                Text = result.GetValue(text),
            };
            var opened = await StoreFactory.OpenAsync(common.Location(result), mustExist: true, readOnly: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var (heads, next) = await PageAsync(opened.Store.QueryAsync, query, result.GetValue(after), Limit(result.GetValue(limit)), ct).ConfigureAwait(false);
            var total = await CountAsync(opened.Store.QueryAsync, query, ct).ConfigureAwait(false);
            WriteHeads(context, result.GetValue(common.Json), "Files", heads, total, next);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Inbox(CliContext context, CommonOptions common)
    {
        var post = new Option<string?>("--post") { Description = "The post whose inbox to list", HelpName = "ID" };
        var officer = new Option<string?>("--officer") { Description = "The officer whose inbox to list (every post they hold or hold charge of)", HelpName = "ID" };
        var org = new Option<string?>("--org") { Description = "The organisation chart (JSON); default <db>.org.json", HelpName = "JSON" };
        var limit = new Option<int>("--limit") { Description = "Most documents to list", DefaultValueFactory = _ => 50, HelpName = "N" };
        var after = AfterOption();
        var command = new Command("inbox", "List the pending documents held by a post, or by an officer now (oldest first)") { post, officer, org, limit, after, common.Json };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var postId = result.GetValue(post);
            var officerId = result.GetValue(officer);
            if ((postId is null) == (officerId is null))
            {
                throw new CliException("give exactly one of --post ID and --officer ID");
            }

            var location = common.Location(result);
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var max = Limit(result.GetValue(limit));
            Func<DocumentQuery, CancellationToken, ValueTask<Page<DocumentHead>>> source;
            var query = new DocumentQuery();
            if (postId is not null)
            {
                source = opened.Store.QueryAsync;
                query = new DocumentQuery { Holder = new PostId(postId), PendingOnly = true };
            }
            else
            {
                var chart = LoadChart(result.GetValue(org), location);
                if (!chart.ContainsOfficer(new OfficerId(officerId!)))
                {
                    throw new CliException($"no officer '{officerId}' in the organisation chart");
                }

                var engine = new FileFlowEngine(opened.Store, new SignerRegistry(), chart, new FileFlowEngineOptions { TimeProvider = await StoreClockAsync(opened.Store, location, ct).ConfigureAwait(false) });
                source = (q, token) => new ValueTask<Page<DocumentHead>>(engine.InboxAsync(new OfficerId(officerId!), q, token));
            }

            var (heads, next) = await PageAsync(source, query, result.GetValue(after), max, ct).ConfigureAwait(false);
            var total = await CountAsync(source, query, ct).ConfigureAwait(false);
            WriteHeads(context, result.GetValue(common.Json), $"Inbox of {postId ?? officerId}", heads, total, next);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command History(CliContext context, CommonOptions common)
    {
        var file = new Option<string>("--file") { Description = "The file number (or document id)", Required = true, HelpName = "NUMBER" };
        var command = new Command("history", "Show a file's signed movement history, record by record") { file, common.Json };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var opened = await StoreFactory.OpenAsync(common.Location(result), mustExist: true, readOnly: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var head = await Lookup.FileAsync(opened.Store, result.GetValue(file)!, ct).ConfigureAwait(false);
            var rows = new List<HistoryRow>();
            await foreach (var stored in opened.Store.ReadStreamAsync(head.Id, ct).ConfigureAwait(false))
            {
                var r = stored.Record;
                rows.Add(new HistoryRow(r.Sequence, r.OccurredAt, r.Trigger.ToString(), r.From.ToString(), r.To.ToString(), r.Actor.Value, r.ActingAs.Value,
                    r.Capacity.ToString(), r.Holder.Value, r.SignerKeyId, stored.Signature.Algorithm, r.Attribute(RecordAttributes.Reason), stored.Hash.ToString()));
            }

            if (result.GetValue(common.Json))
            {
                context.WriteJson(new { fileNumber = head.Reference, document = head.Id.ToString(), subject = head.Subject, state = head.State.ToString(), records = rows });
                return ExitCodes.Ok;
            }

            var table = new Table().Title(Markup.Escape($"{head.Reference} — {head.Subject}"))
                .AddColumns("seq", "time (UTC)", "trigger", "from → to", "actor", "acting as", "holder", "signer key", "reason");
            foreach (var r in rows)
            {
                table.AddRow(
                    r.Seq.ToString(CultureInfo.InvariantCulture), r.Time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.Trigger, $"{r.From} → {r.To}",
                    Markup.Escape(r.Actor), Markup.Escape(r.Capacity == nameof(ActingCapacity.Holder) ? r.ActingAs : $"{r.ActingAs} ({r.Capacity.ToLowerInvariant()})"),
                    Markup.Escape(r.Holder), Markup.Escape(r.SignerKey.Length > 12 ? r.SignerKey[..12] + "…" : r.SignerKey), Markup.Escape(r.Reason ?? string.Empty));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Pending(CliContext context, CommonOptions common)
    {
        var overdue = new Option<bool>("--overdue") { Description = "Only files past their time limit, with days overdue, escalation level and penalty" };
        var limit = new Option<int>("--limit") { Description = "Most files to list", DefaultValueFactory = _ => 50, HelpName = "N" };
        var after = AfterOption();
        var command = new Command("pending", "List pending service files; with --overdue, those past due with days overdue, escalation level and penalty") { overdue, limit, after, common.Json };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var store = opened.Store;
            var clock = await StoreClockAsync(store, location, ct).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var query = new DocumentQuery { Kind = DocumentKind.File, PendingOnly = true, DueBefore = result.GetValue(overdue) ? now : null };
            var (heads, next) = await PageAsync(store.QueryAsync, query, result.GetValue(after), Limit(result.GetValue(limit)), ct).ConfigureAwait(false);
            var total = await CountAsync(store.QueryAsync, query, ct).ConfigureAwait(false);
            var sidecarChart = new Sidecars(location.SidecarPrefix).Organisation;
            var chart = File.Exists(sidecarChart) ? OrganisationFile.Load(sidecarChart).ToChart() : null;
            // Read-only: no escalations (no system signer); without a chart no officer can be charged, so no engine either.
            var engine = chart is null ? null : new FileFlowEngine(store, new SignerRegistry(), chart, new FileFlowEngineOptions { TimeProvider = clock, Services = ServiceCatalog.LoadDefaults(), SystemOfficer = null });
            var items = new List<PendingRow>();
            foreach (var h in heads)
            {
                var days = h.DueAt is { } due && due < now ? (int)Math.Floor((now - due).TotalDays) : 0;
                var penalty = h.ServiceId is null || engine is null ? null : await engine.AssessPenaltyAsync(h.Id, ct).ConfigureAwait(false);
                items.Add(new PendingRow(h.Reference, h.Subject, h.ServiceId, h.State.ToString(), h.Holder.Value, h.DueAt, days, h.EscalationLevel, penalty?.Amount ?? 0));
            }

            if (result.GetValue(common.Json))
            {
                context.WriteJson(new JsonList<PendingRow>(items, total, next) { AsOf = now });
                return ExitCodes.Ok;
            }

            var table = new Table().Title($"Pending files as of {now:yyyy-MM-dd HH:mm} (latest record time)")
                .AddColumns("file number", "service", "state", "holder", "due", "days overdue", "escalation", "penalty (Rs)");
            foreach (var i in items)
            {
                table.AddRow(Markup.Escape(i.FileNumber ?? string.Empty), Markup.Escape(i.Service ?? string.Empty), i.State, Markup.Escape(i.Holder),
                    i.DueAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", i.DaysOverdue.ToString(CultureInfo.InvariantCulture),
                    i.EscalationLevel.ToString(CultureInfo.InvariantCulture), i.Penalty.ToString("N0", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Services(CliContext context, CommonOptions common)
    {
        _ = common;
        var command = new Command("services", "List the ten service-guarantee services: time limit, designated officer and appellate chain") { common.Json };
        command.SetAction(result =>
        {
            var services = ServiceCatalog.LoadDefaults().Services;
            if (result.GetValue(common.Json))
            {
                var rows = services.Select(s => new
                {
                    id = s.Id,
                    nameEnglish = s.NameEnglish,
                    nameHindi = s.NameHindi,
                    timeLimitDays = s.TimeLimit.Days,
                    workingDays = s.TimeLimit.WorkingDays,
                    designated = s.Appeals.Designated,
                    firstAppellate = s.Appeals.FirstAppellate,
                    secondAppellate = s.Appeals.SecondAppellate,
                    authority = s.Route.Authority,
                    penaltyPerDay = s.Penalty.PerDay,
                    penaltyCap = s.Penalty.Cap,
                    origin = s.Origin,
                    version = s.Version,
                }).ToList();
                context.WriteJson(new JsonList<object>([.. rows], rows.Count, null));
                return ExitCodes.Ok;
            }

            var table = new Table().Title("Service-guarantee services")
                .AddColumns("id", "name", "नाम", "days", "designated", "first appellate", "second appellate", "penalty", "origin");
            foreach (var s in services)
            {
                table.AddRow(s.Id, Markup.Escape(s.NameEnglish), Markup.Escape(s.NameHindi), s.TimeLimit.Days.ToString(CultureInfo.InvariantCulture),
                    s.Appeals.Designated, s.Appeals.FirstAppellate, s.Appeals.SecondAppellate,
                    string.Create(CultureInfo.InvariantCulture, $"Rs {s.Penalty.PerDay:0}/day ≤ {s.Penalty.Cap:0}"), s.Origin);
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A clock at the store's latest record time, so "overdue" means overdue as of the store's own virtual present.</summary>
    internal static async Task<TimeProvider> StoreClockAsync(IDocumentStore store, StoreLocation location, CancellationToken ct)
    {
        // A simulation's checkpoint carries its virtual present; otherwise take the newest head's time.
        var checkpoint = new Sidecars(location.SidecarPrefix).Checkpoint;
        if (File.Exists(checkpoint))
        {
            try
            {
                return new FixedClock(FileFlow.Audit.SignedCheckpoint.Parse(await File.ReadAllTextAsync(checkpoint, ct).ConfigureAwait(false)).Checkpoint.Timestamp);
            }
            catch (FileFlow.Audit.LogFormatException)
            {
                // Fall back to the store's own newest time.
            }
        }

        // Heads are ordered by last action time; the last one is the newest.
        DocumentHead? newest = null;
        await foreach (var head in store.QueryAllAsync(new DocumentQuery { Limit = 1000 }, ct).ConfigureAwait(false))
        {
            newest = head;
        }

        return new FixedClock(newest?.UpdatedAt ?? SimulationOptions.DefaultStart);
    }

    internal static OrganisationChart LoadChart(string? path, StoreLocation location)
    {
        var file = path ?? new Sidecars(location.SidecarPrefix).Organisation;
        return File.Exists(file) ? OrganisationFile.Load(file).ToChart() : throw new CliException($"no organisation chart at '{file}': pass --org PATH");
    }

    internal static async Task<List<DocumentHead>> TakeAsync(IDocumentStore store, DocumentQuery query, int max, CancellationToken ct)
    {
        var list = new List<DocumentHead>();
        await foreach (var head in store.QueryAllAsync(query with { Limit = Math.Min(max, 1000) }, ct).ConfigureAwait(false))
        {
            list.Add(head);
            if (list.Count == max)
            {
                break;
            }
        }

        return list;
    }

    private static void WriteHeads(CliContext context, bool json, string title, IReadOnlyList<DocumentHead> heads, long total, string? next)
    {
        if (json)
        {
            context.WriteJson(new JsonList<object>(
                [.. heads.Select(h => new
                {
                    fileNumber = h.Kind == DocumentKind.File ? h.Reference : null,
                    diaryNumber = h.Kind == DocumentKind.Receipt ? h.Reference : null,
                    document = h.Id.ToString(),
                    kind = h.Kind.ToString(),
                    subject = h.Subject,
                    service = h.ServiceId,
                    state = h.State.ToString(),
                    holder = h.Holder.Value,
                    dueAt = h.DueAt,
                    escalationLevel = h.EscalationLevel,
                    updatedAt = h.UpdatedAt,
                })],
                total,
                next));
            return;
        }

        var table = new Table().Title(Markup.Escape(title)).AddColumns("number", "subject", "service", "state", "holder", "since");
        foreach (var h in heads)
        {
            table.AddRow(Markup.Escape(h.Reference ?? h.Id.ToString()), Markup.Escape(h.Subject ?? string.Empty), Markup.Escape(h.ServiceId ?? string.Empty),
                h.State.ToString(), Markup.Escape(h.Holder.Value), h.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
        context.Out.WriteLine(next is null
            ? $"{heads.Count} shown of {total}"
            : $"{heads.Count} shown of {total}; more with --after {next}");
    }

    /// <summary>Reads up to <paramref name="max"/> items from <paramref name="after"/> on, and the token that continues after the last one shown.</summary>
    internal static async Task<(List<DocumentHead> Items, string? Next)> PageAsync(
        Func<DocumentQuery, CancellationToken, ValueTask<Page<DocumentHead>>> source, DocumentQuery query, string? after, int max, CancellationToken ct)
    {
        var list = new List<DocumentHead>();
        var next = after;
        try
        {
            do
            {
                var page = await source(query with { After = next, Limit = Math.Min(max - list.Count, 1000) }, ct).ConfigureAwait(false);
                list.AddRange(page.Items);
                next = page.ContinuationToken;
            }
            while (next is not null && list.Count < max);
        }
        catch (ArgumentException) when (after is not null)
        {
            throw new CliException($"--after '{after}' is not a 'next' token printed by a listing");
        }

        return (list, next);
    }

    /// <summary>Counts every item the query matches.</summary>
    internal static async Task<long> CountAsync(Func<DocumentQuery, CancellationToken, ValueTask<Page<DocumentHead>>> source, DocumentQuery query, CancellationToken ct)
    {
        long count = 0;
        string? next = null;
        do
        {
            var page = await source(query with { After = next, Limit = 1000 }, ct).ConfigureAwait(false);
            count += page.Items.Count;
            next = page.ContinuationToken;
        }
        while (next is not null);
        return count;
    }

    private static Option<string?> AfterOption() => new("--after") { Description = "Continue a listing after the 'next' token a previous run printed", HelpName = "TOKEN" };

    private static int Limit(int value) => value is > 0 and <= 1_000_000 ? value : throw new CliException($"--limit must be between 1 and 1,000,000, not {value}");

    internal static T ParseEnum<T>(string text, string option)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new CliException($"{option} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");

    internal sealed record HistoryRow(long Seq, DateTimeOffset Time, string Trigger, string From, string To, string Actor, string ActingAs, string Capacity, string Holder, string SignerKey, string SignatureAlgorithm, string? Reason, string Hash);

    internal sealed record PendingRow(string? FileNumber, string? Subject, string? Service, string State, string Holder, DateTimeOffset? DueAt, int DaysOverdue, int EscalationLevel, decimal Penalty);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
