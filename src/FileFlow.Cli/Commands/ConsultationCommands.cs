using System.CommandLine;
using System.Globalization;
using FileFlow.Cli.Infrastructure;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Storage;
using Spectre.Console;

namespace FileFlow.Cli.Commands;

/// <summary>Consultation: <c>fileflow refer</c> (a file's question to several posts for comment by a date), <c>fileflow reply</c> (a post's signed
/// comment, a noting that returns into the file) and <c>fileflow referrals</c> (outstanding referrals, a post's consultation pendency).</summary>
internal static class ConsultationCommands
{
    private static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);

    public static Command Refer(CliContext context, CommonOptions common)
    {
        var file = FileOption("The file number (or document id) whose question is referred");
        var to = new Option<string>("--to") { Description = "The posts asked to comment, comma-separated", Required = true, HelpName = "POST[,POST]" };
        var question = new Option<string>("--question") { Description = "The question referred", Required = true, HelpName = "TEXT" };
        var replyBy = new Option<string>("--reply-by")
        {
            Description = "The date comments are due by: yyyy-MM-dd (the end of that day, IST) or a date and time with offset (2026-12-10T17:00:00+05:30)", Required = true, HelpName = "DATE",
        };
        var officer = new OfficerOptions();
        var command = new Command("refer", "Refer a file's question to several posts for comment by a date (the holder signs; the file stays where it is and moves on as usual)")
        {
            file, to, question, replyBy, common.Json,
        };
        officer.AddTo(command);
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var due = ParseDate(result.GetValue(replyBy)!);
            var posts = result.GetValue(to)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => new PostId(p)).ToList();
            if (posts.Count == 0)
            {
                throw new CliException("--to names no post");
            }

            var acting = await ActAsync(common, officer, result, ct).ConfigureAwait(false);
            await using var dispose = acting.ConfigureAwait(false);
            var head = await Lookup.FileAsync(acting.Cli.Store, result.GetValue(file)!, ct).ConfigureAwait(false);
            var refer = await acting.Cli.Engine.FireAsync(new DocumentAction(head.Id, DocumentTrigger.Refer, acting.Officer)
            {
                Reason = result.GetValue(question), CopyTo = [.. posts], ReplyBy = due,
            }, ct).ConfigureAwait(false);
            var sequence = refer.Record.Record.Sequence;
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new { fileNumber = head.Reference, document = head.Id.ToString(), referral = sequence, posts = posts.Select(p => p.Value), replyBy = due });
            }
            else
            {
                context.Out.WriteLine($"Referred {head.Reference} to {string.Join(", ", posts)} for comment by {due:yyyy-MM-dd HH:mm zzz} (referral {sequence}); "
                    + $"each replies with: fileflow reply --file {head.Reference} --referral {sequence} --text …");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Reply(CliContext context, CommonOptions common)
    {
        var file = FileOption("The file number (or document id) referred");
        var referral = new Option<long>("--referral") { Description = "The referral's sequence ('refer' printed it; 'referrals' lists it)", Required = true, HelpName = "SEQ" };
        var text = new Option<string[]>("--text") { Description = "The comment; repeat for numbered paragraphs", Required = true, HelpName = "TEXT", AllowMultipleArgumentsPerToken = false };
        var officer = new OfficerOptions();
        var command = new Command("reply", "Answer a referral for a post asked: a noting signed by the officer, frozen into the file at once") { file, referral, text, common.Json };
        officer.AddTo(command);
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var paragraphs = result.GetValue(text)!.Where(t => !string.IsNullOrWhiteSpace(t)).ToArray();
            if (paragraphs.Length == 0)
            {
                throw new CliException("--text is empty: give the comment");
            }

            var acting = await ActAsync(common, officer, result, ct).ConfigureAwait(false);
            await using var dispose = acting.ConfigureAwait(false);
            var head = await Lookup.FileAsync(acting.Cli.Store, result.GetValue(file)!, ct).ConfigureAwait(false);
            var reply = await acting.Cli.Engine.ReplyToReferralAsync(acting.Officer, head.Id, result.GetValue(referral), NotingContent.Number(paragraphs), cancellationToken: ct)
                .ConfigureAwait(false);
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new { fileNumber = head.Reference, referral = result.GetValue(referral), noting = reply.Head.Id.ToString(), reference = reply.Head.Reference });
            }
            else
            {
                context.Out.WriteLine($"Replied to referral {result.GetValue(referral)} on {head.Reference}: noting {reply.Head.Reference ?? reply.Head.Id.ToString()}, signed by {acting.Officer}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Referrals(CliContext context, CommonOptions common)
    {
        var post = new Option<string?>("--post") { Description = "Only the referrals this post has not answered (its consultation pendency)", HelpName = "POST" };
        var file = new Option<string?>("--file") { Description = "Only this file's referrals, answered ones included", HelpName = "NUMBER" };
        var limit = new Option<int>("--limit") { Description = "Most referrals to list", DefaultValueFactory = _ => 50, HelpName = "N" };
        var after = new Option<string?>("--after") { Description = "Continue a listing after the 'next' token a previous run printed", HelpName = "TOKEN" };
        var command = new Command("referrals", "List outstanding referrals (each post asked that has not replied), the oldest due first; --file lists one file's, answered ones included")
        {
            post, file, limit, after, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var max = result.GetValue(limit) is > 0 and <= 1_000_000 and var n ? n : throw new CliException("--limit must be between 1 and 1,000,000");
            var skip = result.GetValue(after) is { } token ? (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw new CliException($"--after '{token}' is not a token 'referrals' printed")) : 0;
            var cli = await CliEngine.OpenAsync(common.Location(result), new SignerRegistry(), systemOfficer: null, instance: null, readOnly: true, ct).ConfigureAwait(false);
            await using var dispose = cli.ConfigureAwait(false);
            List<Referral> all;
            if (result.GetValue(file) is { } number)
            {
                var head = await Lookup.FileAsync(cli.Store, number, ct).ConfigureAwait(false);
                all = [.. await cli.Engine.ReferralsAsync(head.Id, ct).ConfigureAwait(false)];
            }
            else
            {
                all = await OutstandingAsync(cli.Engine, cli.Store, ct).ConfigureAwait(false);
            }

            if (result.GetValue(post) is { } postId)
            {
                all = [.. all.Where(r => r.Post.Value == postId)];
            }

            var references = new Dictionary<DocumentId, string?>();
            foreach (var id in all.Select(r => r.File).Distinct())
            {
                references[id] = (await cli.Store.GetHeadAsync(id, ct).ConfigureAwait(false))?.Reference;
            }

            var now = TimeProvider.System.GetUtcNow();
            var page = all.Skip(skip).Take(max).Select(r => new ReferralJson(
                references[r.File] ?? r.File.ToString(), r.Sequence, r.ReferredBy.Value, r.Post.Value, r.Question, r.ReplyBy, r.IsOutstanding, r.IsOverdue(now), r.Reply?.ToString(), r.RepliedAt)).ToList();
            var next = skip + page.Count < all.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new JsonList<ReferralJson>(page, all.Count, next) { AsOf = now });
            }
            else
            {
                var table = new Table().Title($"Referrals ({all.Count:N0})").AddColumns("file", "referral", "asked", "by", "reply by", "status", "question");
                foreach (var r in page)
                {
                    table.AddRow(Markup.Escape(r.File), r.Referral.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Post), Markup.Escape(r.ReferredBy),
                        r.ReplyBy.ToOffset(Ist).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.Outstanding ? (r.Overdue ? "overdue" : "outstanding") : "replied", Markup.Escape(r.Question));
                }

                context.Console.Write(table);
                if (next is not null)
                {
                    context.Out.WriteLine($"more: --after {next}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every outstanding referral in the store (each post asked that has not replied), the oldest due first.</summary>
    internal static async Task<List<Referral>> OutstandingAsync(FileFlowEngine engine, IDocumentStore store, CancellationToken ct)
    {
        var outstanding = new List<Referral>();
        await foreach (var head in store.QueryAllAsync(new DocumentQuery { Kind = DocumentKind.File, Limit = 1000 }, ct).ConfigureAwait(false))
        {
            if (DocumentStates.IsPending(head.Kind, head.State))
            {
                outstanding.AddRange((await engine.ReferralsAsync(head.Id, ct).ConfigureAwait(false)).Where(r => r.IsOutstanding));
            }
        }

        return [.. outstanding.OrderBy(r => r.ReplyBy).ThenBy(r => r.File.ToString(), StringComparer.Ordinal).ThenBy(r => r.Sequence).ThenBy(r => r.Post.Value, StringComparer.Ordinal)];
    }

    /// <summary>Parses a due date: <c>yyyy-MM-dd</c> is the end of that day in IST; otherwise a date and time with its offset.</summary>
    internal static DateTimeOffset ParseDate(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), Ist);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Contains('T', StringComparison.Ordinal)
            ? at
            : throw new CliException($"--reply-by '{text}' is not a date (yyyy-MM-dd) or a date and time with offset (2026-12-10T17:00:00+05:30)");
    }

    private static Option<string> FileOption(string description) => new("--file") { Description = description, Required = true, HelpName = "NUMBER" };

    private static async Task<Acting> ActAsync(CommonOptions common, OfficerOptions officer, ParseResult result, CancellationToken ct)
    {
        var location = common.Location(result);
        var (sidecars, root, _) = CliEngine.ReadSidecars(location);
        var (actor, credential) = await officer.LoadAsync(result, root, TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
        return new Acting(actor, await CliEngine.ForOfficerAsync(location, actor, credential, sidecars.ReadInstance(), ct).ConfigureAwait(false));
    }

    private sealed record Acting(OfficerId Officer, CliEngine Cli) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Cli.DisposeAsync();
    }

    internal sealed record ReferralJson(
        string File, long Referral, string ReferredBy, string Post, string Question, DateTimeOffset ReplyBy, bool Outstanding, bool Overdue, string? Reply, DateTimeOffset? RepliedAt);
}
