using System.CommandLine;
using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Sqlite;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow backup</c>: a consistent online copy of a SQLite store (SQLite's backup API, while writers run) with its sidecar files.</summary>
internal static class BackupCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var output = new Option<string>("--out")
        {
            Description = "The backup's database file (new); the sidecars are copied beside it as <out>.root.pem, .org.json, .checkpoint.txt, .log.pem, .export.pfx",
            Required = true,
            HelpName = "PATH",
        };
        var command = new Command("backup", "Copy a SQLite store consistently while it is in use, with its sidecar files (for PostgreSQL use pg_dump: see the README)")
        {
            output, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            if (location.IsPostgres)
            {
                throw new CliException("backup copies SQLite stores; back up PostgreSQL with pg_dump --schema (see 'Operating FileFlow' in the README)");
            }

            if (location.DatabasePath == StoreFactory.InMemory)
            {
                throw new CliException("an in-memory store cannot be backed up");
            }

            var target = Path.GetFullPath(result.GetValue(output)!);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var targetSidecars = new Sidecars(target);
            var copies = sidecars.All.Zip(targetSidecars.All).Where(pair => File.Exists(pair.First)).ToList();
            if (!Directory.Exists(Path.GetDirectoryName(target)))
            {
                throw new CliException($"no folder '{Path.GetDirectoryName(target)}' for the backup: create it first");
            }

            if (new[] { target }.Concat(targetSidecars.All).FirstOrDefault(File.Exists) is { } taken)
            {
                throw new CliException($"'{taken}' already exists: give --out a new path (nothing was written)");
            }

            StoreFactory.EnsureExists(location);
            var json = result.GetValue(common.Json);
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, cancellationToken: ct).ConfigureAwait(false);
            await using (opened.ConfigureAwait(false))
            {
                var store = (SqliteDocumentStore)opened.Store;
                await CliProgress.ShowAsync(context, json, $"backing up {location.DatabasePath}", null, async _ =>
                {
                    await store.BackupAsync(target, ct).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
            }

            foreach (var (from, to) in copies)
            {
                File.Copy(from, to);
            }

            // What the copy holds, for the operator's log: verify a restore against this tree head or the copied checkpoint.
            TreeHead head;
            var backup = await SqliteDocumentStore.OpenAsync(target, ct).ConfigureAwait(false);
            await using (backup.ConfigureAwait(false))
            {
                head = await MerkleLog.ComputeTreeHeadAsync(backup, null, ct).ConfigureAwait(false);
            }

            var copied = copies.Select(c => Path.GetFileName(c.Second)).ToList();
            // A store that was never named as an instance has no instance file: that is not a missing sidecar.
            var missing = targetSidecars.All.Where(f => !File.Exists(f) && f != targetSidecars.Instance).Select(Path.GetFileName).ToList();
            var secret = copies.Where(c => c.First == sidecars.ExportCredential).Select(c => Path.GetFileName(c.Second)).ToList();
            if (json)
            {
                context.WriteJson(new { path = target, records = head.Size, rootHash = head.RootHash.ToString(), sidecars = copied, missing, secret });
            }
            else
            {
                context.Out.WriteLine($"Backed up {head.Size:N0} records (Merkle root {head.RootHash}) to {target}.");
                context.Out.WriteLine($"Copied sidecars: {(copied.Count == 0 ? "none" : string.Join(", ", copied))}"
                    + (missing.Count == 0 ? "." : $"; not present at the source: {string.Join(", ", missing)}."));
                if (secret.Count > 0)
                {
                    context.Out.WriteLine($"Secret: {string.Join(", ", secret)} holds a private key (password FILEFLOW_EXPORT_PASSWORD); keep the backup where only operators can read it.");
                }

                context.Out.WriteLine($"Check it with: fileflow verify --db {target}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
