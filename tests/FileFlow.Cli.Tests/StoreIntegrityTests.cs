using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace FileFlow.Cli.Tests;

/// <summary>Issue 15: read-only commands that wrote, verification that crashed on a bad head, lookups that trusted search keys, concurrent simulations.</summary>
public sealed class StoreIntegrityTests(SimulatedStore store) : IClassFixture<SimulatedStore>
{
    private static string[][] Listings(string db) =>
    [
        ["verify", "--db", db],
        ["files", "--db", db],
        ["inbox", "--db", db, "--post", "ADM01"],
        ["history", "--db", db, "--file", "1"],
        ["pending", "--db", db],
    ];

    private static void Execute(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<(string Id, string Reference)> Files(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT lower(hex(id)), reference FROM heads WHERE kind = 'File' AND reference IS NOT NULL ORDER BY id LIMIT 2";
        using var reader = command.ExecuteReader();
        var files = new List<(string, string)>();
        while (reader.Read())
        {
            files.Add((reader.GetString(0), reader.GetString(1)));
        }

        return files;
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a FileFlow store, just text\n")]
    public async Task Listings_on_an_empty_or_foreign_file_leave_it_byte_identical_and_say_so_in_one_line(string content)
    {
        var db = store.Copy($"foreign-{content.Length}.db");
        File.Delete(db + "-wal");
        File.Delete(db + "-shm");
        await File.WriteAllTextAsync(db, content);
        var before = SHA256.HashData(await File.ReadAllBytesAsync(db));

        foreach (var args in Listings(db))
        {
            var run = await Cli.RunInProcessAsync(args);

            run.ExitCode.Should().Be(2, run.ToString());
            run.Stderr.Trim().Split('\n').Should().ContainSingle(run.ToString());
            SHA256.HashData(await File.ReadAllBytesAsync(db)).Should().Equal(before, $"'{string.Join(' ', args)}' must not write");
            File.Exists(db + "-wal").Should().BeFalse();
        }
    }

    [Fact]
    public async Task Verify_opens_the_store_read_only_and_leaves_it_byte_identical()
    {
        var db = store.Copy("readonly.db");
        var before = SHA256.HashData(await File.ReadAllBytesAsync(db));

        var run = await Cli.RunInProcessAsync("verify", "--db", db);

        run.ExitCode.Should().Be(0, run.ToString());
        SHA256.HashData(await File.ReadAllBytesAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task Head_values_out_of_range_or_unknown_are_failures_naming_the_document_not_crashes()
    {
        var db = store.Copy("bad-heads.db");
        var files = Files(db);
        Execute(db, $"UPDATE heads SET escalation_level = 4000000000 WHERE lower(hex(id)) = '{files[0].Id}'");
        Execute(db, $"UPDATE heads SET state = 'Vanished', grading = 77 WHERE lower(hex(id)) = '{files[1].Id}'");

        var run = await Cli.RunInProcessAsync("verify", "--db", db, "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        var failures = run.Json.GetProperty("failures").EnumerateArray().ToList();
        failures.Select(f => f.GetProperty("document").GetString()).Should().Contain([files[0].Id, files[1].Id]);
        failures.Select(f => f.GetProperty("reason").GetString()).Should().Contain(r => r!.Contains("escalation_level"))
            .And.Contain(r => r!.Contains("'Vanished'"));
    }

    [Fact]
    public async Task A_changed_search_key_neither_passes_verification_nor_resolves_a_file_number_to_another_file()
    {
        var db = store.Copy("search-key.db");
        var files = Files(db);
        var (a, b) = (files[0], files[1]);
        Execute(db, $"UPDATE heads SET search_reference = 'MOVED' WHERE lower(hex(id)) = '{a.Id}'");
        Execute(db, $"UPDATE heads SET search_reference = '{a.Reference.ToUpperInvariant()}' WHERE lower(hex(id)) = '{b.Id}'");

        var history = await Cli.RunInProcessAsync("history", "--db", db, "--file", a.Reference, "--json");
        var verifyFile = await Cli.RunInProcessAsync("verify", "--db", db, "--file", a.Reference, "--json");
        var verify = await Cli.RunInProcessAsync("verify", "--db", db, "--json");

        history.Stdout.Should().NotContain(b.Reference, "the file number must not resolve to another file");
        verifyFile.ExitCode.Should().NotBe(0, verifyFile.ToString());
        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.Json.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("reason").GetString())
            .Should().Contain(r => r!.Contains("search_reference"));
    }

    [Fact]
    public async Task A_changed_action_id_is_a_failure_naming_the_record()
    {
        var db = store.Copy("action-id.db");
        Execute(db, "UPDATE records SET action_id = randomblob(16) WHERE position = 100");

        var run = await Cli.RunInProcessAsync("verify", "--db", db, "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json.GetProperty("failures").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("reason").GetString().Should().Contain("filed under action");
    }

    [Fact]
    public async Task A_zip_bomb_bundle_is_refused_with_a_clear_error_and_bounded_memory()
    {
        var bomb = Path.Combine(store.Directory, "bomb.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(bomb, System.IO.Compression.ZipArchiveMode.Create))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 8; i++)
            {
                using var entry = zip.CreateEntry($"records/{i}.bin", System.IO.Compression.CompressionLevel.SmallestSize).Open();
                for (var m = 0; m < 60; m++)
                {
                    entry.Write(zeros);
                }
            }
        }

        new FileInfo(bomb).Length.Should().BeLessThan(2_000_000, "a small zip that inflates to 480 MiB");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Cli.DllPath, "verify", "--bundle", bomb, "--root", store.Db + ".root.pem" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            process.Refresh();
            try
            {
                peak = Math.Max(peak, process.WorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break;
            }

            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(1, await stdout + await stderr);
        (await stderr).Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("MiB");
        peak.Should().BeLessThan(700L * 1024 * 1024, "reading stops at the bundle size limit (256 MiB), not at what the zip inflates to");
    }

    [Fact]
    public async Task A_second_simulate_into_the_same_file_is_refused_while_the_first_runs()
    {
        var directory = Directory.CreateTempSubdirectory("fileflow-lock-").FullName;
        try
        {
            var db = Path.Combine(directory, "one.db");
            var first = Cli.RunProcessAsync(directory, "simulate", "--files", "400", "--offices", "2", "--db", db, "--synchronous", "normal");
            var lockFile = db + ".lock";
            for (var i = 0; i < 300 && !File.Exists(db); i++)
            {
                await Task.Delay(100);
            }

            var second = await Cli.RunProcessAsync(directory, "simulate", "--files", "10", "--offices", "2", "--db", db, "--force");
            var firstRun = await first;

            second.ExitCode.Should().Be(2, second.ToString());
            second.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("another 'fileflow simulate'").And.Contain(lockFile);
            firstRun.ExitCode.Should().Be(0, firstRun.ToString());
            var verify = await Cli.RunInProcessAsync("verify", "--db", db);
            verify.ExitCode.Should().Be(0, "the first run's store is whole: " + verify);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
