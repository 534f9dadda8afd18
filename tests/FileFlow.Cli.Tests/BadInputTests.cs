using System.Security.Cryptography;
using FileFlow.PostgreSql.Tests;
using Microsoft.Data.Sqlite;

namespace FileFlow.Cli.Tests;

/// <summary>Bad stores and sidecars: one clear line on stderr, exit 2 (1 when verification fails), no stack trace, and nothing changed.</summary>
public sealed class BadInputTests(SimulatedStore store) : IClassFixture<SimulatedStore>
{
    [Fact]
    public async Task A_store_file_that_is_not_sqlite_exits_two_and_is_left_unchanged()
    {
        var db = store.Copy("text.db");
        await File.WriteAllTextAsync(db, "This is a letter, not a database. " + new string('.', 200));

        var run = await VerifyUnchangedAsync(db);

        Expect(run, 2, "is not a SQLite database");
    }

    [Fact]
    public async Task An_empty_store_file_exits_two_and_is_left_unchanged()
    {
        var db = store.Copy("empty.db");
        await File.WriteAllBytesAsync(db, []);

        Expect(await VerifyUnchangedAsync(db), 2, "is empty");
    }

    [Fact]
    public async Task A_truncated_store_file_exits_two_naming_the_truncation_and_is_left_unchanged()
    {
        var db = store.Copy("truncated.db");
        using (var file = new FileStream(db, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        Expect(await VerifyUnchangedAsync(db), 2, "is truncated");
    }

    [Fact]
    public async Task A_store_from_a_newer_schema_version_exits_two_and_is_left_unchanged()
    {
        var db = store.Copy("newer.db");
        Execute(db, "UPDATE schema_info SET version = 99");

        Expect(await VerifyUnchangedAsync(db), 2, "schema version 99");
        Expect(await Cli.RunInProcessAsync("files", "--db", db), 2, "upgrade fileflow");
    }

    [Fact]
    public async Task Another_applications_sqlite_database_exits_two_and_gets_no_fileflow_tables()
    {
        var db = store.Copy("other-app.db");
        File.Delete(db);
        Execute(db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)");

        Expect(await VerifyUnchangedAsync(db), 2, "not a FileFlow store");
    }

    [Fact]
    public async Task A_missing_sidecar_exits_two_naming_it()
    {
        var db = store.Copy("no-root.db");
        File.Delete(db + ".root.pem");

        Expect(await VerifyUnchangedAsync(db), 2, "no root certificate");
    }

    [Fact]
    public async Task A_root_certificate_of_another_store_fails_verification_with_exit_one()
    {
        var other = await OtherStoreAsync();
        var db = store.Copy("wrong-root.db");
        File.Copy(other + ".root.pem", db + ".root.pem", overwrite: true);

        Expect(await VerifyUnchangedAsync(db), 1, "verification failed");
    }

    [Fact]
    public async Task A_checkpoint_of_another_store_fails_verification_with_exit_one()
    {
        var other = await OtherStoreAsync();
        var db = store.Copy("wrong-checkpoint.db");
        File.Copy(other + ".checkpoint.txt", db + ".checkpoint.txt", overwrite: true);

        Expect(await VerifyUnchangedAsync(db), 1, "verification failed");
    }

    [Fact]
    public async Task An_unreachable_postgresql_exits_two_in_one_line()
    {
        var run = await Cli.RunInProcessAsync("verify", "--postgres", "Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d;Timeout=3", "--schema", "nowhere");

        Expect(run, 2, "cannot reach PostgreSQL");
    }

    [PostgresFact]
    public async Task A_read_only_postgresql_exits_two_and_leaves_no_schema_and_no_sidecars()
    {
        var schema = PostgresServer.NewSchema();
        var state = Directory.CreateTempSubdirectory("fileflow-cli-ro-").FullName;
        try
        {
            var readOnly = PostgresServer.RequiredConnectionString + ";Options=-c default_transaction_read_only=on";

            var run = await Cli.RunInProcessAsync("simulate", "--postgres", readOnly, "--schema", schema, "--state-dir", state, "--files", "5", "--json");

            Expect(run, 2, "read-only");
            Directory.GetFiles(state).Should().BeEmpty("the sidecars written for the run are taken back");
            var exists = await Cli.RunInProcessAsync("verify", "--postgres", PostgresServer.RequiredConnectionString, "--schema", schema, "--state-dir", state);
            Expect(exists, 2, "no FileFlow store");
        }
        finally
        {
            await PostgresServer.DropSchemaAsync(schema);
            Directory.Delete(state, recursive: true);
        }
    }

    private static void Expect(CliRun run, int exitCode, string reason)
    {
        run.ExitCode.Should().Be(exitCode, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(run.ToString()).Which.Should().StartWith("fileflow: ").And.Contain(reason);
        run.Stderr.Should().NotContain("   at ", "no stack trace");
    }

    private static async Task<CliRun> VerifyUnchangedAsync(string db)
    {
        var before = Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*").ToDictionary(f => f, Hash);

        var run = await Cli.RunInProcessAsync("verify", "--db", db);

        SqliteConnection.ClearAllPools();
        Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*").ToDictionary(f => f, Hash).Should().BeEquivalentTo(before, "nothing is changed");
        return run;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static void Execute(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<string> OtherStoreAsync()
    {
        var other = Path.Combine(store.Directory, "other-" + Guid.NewGuid().ToString("N") + ".db");
        var run = await Cli.RunInProcessAsync("simulate", "--files", "5", "--offices", "2", "--days", "5", "--seed", "99", "--db", other, "--json");
        run.ExitCode.Should().Be(0, run.ToString());
        return other;
    }
}
