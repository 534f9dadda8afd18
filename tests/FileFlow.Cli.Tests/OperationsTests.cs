using System.Diagnostics;
using System.Security.Cryptography;
using FileFlow.Audit;
using FileFlow.PostgreSql.Tests;
using Microsoft.Data.Sqlite;

namespace FileFlow.Cli.Tests;

/// <summary>Running the tool for real: clean exits leave the .db whole, backups restore and verify, kill -9 and Ctrl-C leave a store that verifies.</summary>
public sealed class OperationsTests(SimulatedStore store) : IClassFixture<SimulatedStore>
{
    [Fact]
    public async Task After_the_cli_exits_cleanly_the_db_file_alone_with_its_sidecars_verifies()
    {
        store.Simulation.ExitCode.Should().Be(0, store.Simulation.ToString());
        File.Exists(store.Db + "-wal").Should().BeFalse("a clean exit folds the WAL into the database file");
        var alone = Path.Combine(store.Directory, "alone.db");
        File.Copy(store.Db, alone);
        foreach (var suffix in new[] { ".root.pem", ".org.json", ".org.json.p7s", ".checkpoint.txt", ".log.pem" })
        {
            File.Copy(store.Db + suffix, alone + suffix);
        }

        var verify = await Cli.RunProcessAsync(store.Directory, "verify", "--db", alone, "--json");

        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Json.GetProperty("records").GetInt64().Should().Be(store.Simulation.Json.GetProperty("transitions").GetInt64());
        verify.Json.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Backup_copies_the_store_and_its_sidecars_and_the_restored_copy_verifies_against_the_checkpoint()
    {
        var source = store.Copy("tobackup.db");
        var output = Path.Combine(store.Directory, "backups");
        Directory.CreateDirectory(output);
        var target = Path.Combine(output, "nightly.db");

        var backup = await Cli.RunProcessAsync(store.Directory, "backup", "--db", source, "--out", target, "--json");

        backup.ExitCode.Should().Be(0, backup.ToString());
        backup.Json.GetProperty("sidecars").EnumerateArray().Select(e => e.GetString()).Should()
            .BeEquivalentTo("nightly.db.root.pem", "nightly.db.org.json", "nightly.db.org.json.p7s", "nightly.db.checkpoint.txt", "nightly.db.log.pem", "nightly.db.export.pfx");
        backup.Json.GetProperty("secret").EnumerateArray().Select(e => e.GetString()).Should().Equal("nightly.db.export.pfx");
        File.Exists(target + "-wal").Should().BeFalse();

        // Restore: the files moved to a new folder under a new name, as an operator would.
        var restored = Path.Combine(Directory.CreateTempSubdirectory("fileflow-restore-").FullName, "restored.db");
        foreach (var file in Directory.GetFiles(output, "nightly.db*"))
        {
            File.Copy(file, restored + Path.GetFileName(file)["nightly.db".Length..]);
        }

        var verify = await Cli.RunProcessAsync(store.Directory, "verify", "--db", restored, "--json");

        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Json.GetProperty("records").GetInt64().Should().Be(backup.Json.GetProperty("records").GetInt64());
        verify.Json.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeTrue();
        Directory.Delete(Path.GetDirectoryName(restored)!, recursive: true);
    }

    [Fact]
    public async Task Backup_onto_an_existing_file_exits_two_and_writes_nothing()
    {
        var source = store.Copy("backup-existing.db");
        var target = Path.Combine(store.Directory, "occupied.db");
        await File.WriteAllTextAsync(target, "keep");

        var backup = await Cli.RunInProcessAsync("backup", "--db", source, "--out", target);

        backup.ExitCode.Should().Be(2, backup.ToString());
        backup.Stderr.Should().Contain("already exists");
        (await File.ReadAllTextAsync(target)).Should().Be("keep");
        File.Exists(target + ".root.pem").Should().BeFalse();
    }

    [Fact]
    public async Task A_simulate_killed_with_sigkill_leaves_a_store_that_verifies_and_a_later_run_replaces_cleanly()
    {
        var folder = Directory.CreateTempSubdirectory("fileflow-kill-").FullName;
        try
        {
            // Moment 1: the instant the database file appears. Moment 2: after the run has signed a good part of its records.
            var early = Path.Combine(folder, "early.db");
            await KillDuringSimulateAsync(folder, early, () => File.Exists(early));
            var late = Path.Combine(folder, "late.db");
            var progressed = false;
            await KillDuringSimulateAsync(folder, late, () => Volatile.Read(ref progressed), line => progressed |= line.Contains("day 18/", StringComparison.Ordinal));

            foreach (var db in new[] { early, late })
            {
                File.Exists(db + ".root.pem").Should().BeTrue("sidecars are written before the first record");
                Directory.GetFiles(folder, "*.tmp").Should().BeEmpty("each sidecar is renamed into place whole");
                var verify = await Cli.RunProcessAsync(folder, "verify", "--db", db, "--json");
                verify.ExitCode.Should().Be(0, $"{db}: {verify}");
                verify.Json.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeTrue();
            }

            var lateVerify = await Cli.RunProcessAsync(folder, "verify", "--db", late, "--json");
            lateVerify.Json.GetProperty("records").GetInt64().Should().BePositive();
            lateVerify.Json.GetProperty("checkpoint").GetProperty("treeSize").GetInt64().Should().BePositive("the checkpoint is refreshed as the run goes");
            SignedCheckpoint.Parse(await File.ReadAllTextAsync(late + ".checkpoint.txt")).Checkpoint.Heads.Should().NotBeNull("a refresh commits to the document heads too");

            var again = await Cli.RunProcessAsync(folder, "simulate", "--files", "40", "--offices", "2", "--db", late, "--json");
            again.ExitCode.Should().Be(2, "a store is there; replacing it takes --force");
            var replace = await Cli.RunProcessAsync(folder, "simulate", "--files", "40", "--offices", "2", "--db", late, "--force", "--json");
            replace.ExitCode.Should().Be(0, replace.ToString());
            var replaced = await Cli.RunProcessAsync(folder, "verify", "--db", late, "--json");
            replaced.ExitCode.Should().Be(0, replaced.ToString());
            replaced.Json.GetProperty("records").GetInt64().Should().Be(replace.Json.GetProperty("transitions").GetInt64());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ctrl_c_stops_simulate_with_exit_130_and_leaves_a_whole_db_that_verifies()
    {
        var folder = Directory.CreateTempSubdirectory("fileflow-sigint-").FullName;
        try
        {
            var db = Path.Combine(folder, "interrupted.db");
            using var process = StartSimulate(folder, db);
            var stderr = new System.Text.StringBuilder();
            var progressed = new TaskCompletionSource();
            process.ErrorDataReceived += (_, e) =>
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }

                if (e.Data?.Contains("day 18/", StringComparison.Ordinal) == true)
                {
                    progressed.TrySetResult();
                }
            };
            process.BeginErrorReadLine();
            _ = process.StandardOutput.ReadToEndAsync();
            await progressed.Task.WaitAsync(TimeSpan.FromSeconds(90));

            using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            process.ExitCode.Should().Be(130, stderr.ToString());
            stderr.ToString().Should().Contain("interrupted");
            File.Exists(db + "-wal").Should().BeFalse("Ctrl-C closes the store cleanly");
            var verify = await Cli.RunProcessAsync(folder, "verify", "--db", db, "--json");
            verify.ExitCode.Should().Be(0, verify.ToString());
            verify.Json.GetProperty("checkpoint").GetProperty("treeSize").GetInt64().Should().Be(verify.Json.GetProperty("records").GetInt64(),
                "the interrupted run signs a checkpoint of everything it stored");
            SignedCheckpoint.Parse(await File.ReadAllTextAsync(db + ".checkpoint.txt")).Checkpoint.Heads.Should().NotBeNull("with the document heads, so bundles exported from it are v4");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_command_names_itself_and_suggests_help()
    {
        var run = await Cli.RunInProcessAsync("frobnicate", "--db", "x.db");

        run.ExitCode.Should().Be(2);
        run.Stderr.Trim().Should().Be("fileflow: unknown command 'frobnicate' (see 'fileflow --help' for the commands)");
    }

    [Fact]
    public async Task Verify_redirected_or_json_prints_no_progress()
    {
        var run = await Cli.RunProcessAsync(store.Directory, "verify", "--db", store.Db);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().NotContain("verifying signed records").And.NotContain("\u001b[");
        run.Stderr.Should().BeEmpty();
    }

    private static Process StartSimulate(string folder, string db)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Cli.DllPath, "simulate", "--files", "4000", "--offices", "4", "--days", "90", "--checkpoint-every", "1", "--db", db })
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }

    private static async Task KillDuringSimulateAsync(string folder, string db, Func<bool> when, Action<string>? onError = null)
    {
        using var process = StartSimulate(folder, db);
        process.ErrorDataReceived += (_, e) => onError?.Invoke(e.Data ?? string.Empty);
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        while (!when())
        {
            process.HasExited.Should().BeFalse("the run is killed before it ends");
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(90));
            await Task.Delay(5);
        }

        process.Kill();  // SIGKILL on Linux
        await process.WaitForExitAsync();
    }
}
