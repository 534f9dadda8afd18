using System.CommandLine;
using FileFlow.Cli.Infrastructure;
using FileFlow.Import;
using FileFlow.Organisation;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow paper import</c>: brings a folder of scanned paper files in, one signed file per metadata row, resumably.</summary>
internal static class PaperCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var folder = new Option<string>("--folder") { Description = "The folder of scanned PDFs", Required = true, HelpName = "DIR" };
        var metadata = new Option<string>("--metadata")
        {
            Description = "The metadata CSV (old_file_number,subject,section,opened,closed,pages,pdf; the pdf column names a file in --folder)", Required = true, HelpName = "CSV",
        };
        var department = new Option<string>("--department") { Description = "The department part of the new file numbers (e.g. the office's id)", Required = true, HelpName = "CODE" };
        var subjectHead = new Option<string>("--subject-head") { Description = "The subject-head part of the new file numbers", DefaultValueFactory = _ => "OLD", HelpName = "CODE" };
        var post = new Option<string?>("--post") { Description = "The post the importing officer acts for; default the one post they hold now", HelpName = "POST" };
        var officer = new OfficerOptions();
        var import = new Command("import", "Open one file per metadata row, marked digitised from paper, its creation signed by the importing officer with the PDF's SHA-256 "
            + "and the old file number; re-running skips what landed; a missing or corrupt PDF is reported by name and the rest go on (exit 1)")
        {
            folder, metadata, department, subjectHead, post, common.Json,
        };
        officer.AddTo(import);
        common.AddStoreTo(import);
        import.SetAction(async (result, ct) =>
        {
            var folderPath = result.GetValue(folder)!;
            var csv = result.GetValue(metadata)!;
            if (!Directory.Exists(folderPath))
            {
                throw new CliException($"no folder at '{folderPath}'");
            }

            if (!File.Exists(csv))
            {
                throw new CliException($"no metadata CSV at '{csv}'");
            }

            var location = common.Location(result);
            var (sidecars, root, chart) = CliEngine.ReadSidecars(location);
            var now = TimeProvider.System.GetUtcNow();
            var (actor, credential) = await officer.LoadAsync(result, root, now, ct).ConfigureAwait(false);
            var actingFor = result.GetValue(post) is { } named ? new PostId(named) : OnePostOf(chart, actor, now);
            var cli = await CliEngine.ForOfficerAsync(location, actor, credential, sidecars.ReadInstance(), ct).ConfigureAwait(false);
            await using var dispose = cli.ConfigureAwait(false);
            var json = result.GetValue(common.Json);
            var options = new PaperImportOptions(result.GetValue(department)!, result.GetValue(subjectHead)!, actor, actingFor)
            {
                Progress = new LineProgress(context.Error),
            };
            var outcome = await PaperFileImporter.ImportAsync(cli.Engine, folderPath, csv, options, ct).ConfigureAwait(false);
            var name = Path.GetFileName(csv);
            foreach (var problem in outcome.Problems)
            {
                await context.Error.WriteLineAsync($"{name}: {problem}").ConfigureAwait(false);
            }

            if (json)
            {
                context.WriteJson(new { imported = outcome.Imported, skipped = outcome.Skipped, problems = outcome.Problems.Select(p => new { row = p.Row, column = p.Column, message = p.Message }) });
            }
            else
            {
                context.Out.WriteLine($"Imported {outcome.Imported:N0} paper file(s), skipped {outcome.Skipped:N0} already imported"
                    + (outcome.Problems.Length > 0 ? $"; {outcome.Problems.Length:N0} problem(s) (listed on stderr): fix them and run again" : string.Empty) + ".");
            }

            return outcome.Problems.Length > 0 ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return new Command("paper", "Paper files brought in: import scanned files with their metadata") { import };
    }

    private static PostId OnePostOf(OrganisationChart chart, OfficerId officer, DateTimeOffset now)
    {
        if (!chart.ContainsOfficer(officer))
        {
            throw new CliException($"officer '{officer}' is not in the store's organisation");
        }

        var posts = chart.PostsOf(officer, now).ToList();
        return posts.Count == 1 ? posts[0] : throw new CliException($"officer '{officer}' holds {posts.Count} posts now: name the one acted for with --post");
    }

    /// <summary>Reports each row on stderr as it is done (synchronously, in order, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class LineProgress(TextWriter error) : IProgress<PaperImportProgress>
    {
        public void Report(PaperImportProgress value) => error.WriteLine($"paper: {value.Done:N0}/{value.Total:N0} {value.OldFileNumber}");
    }
}
