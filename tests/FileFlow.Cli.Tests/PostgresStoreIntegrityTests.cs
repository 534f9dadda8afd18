using FileFlow.PostgreSql;
using FileFlow.PostgreSql.Tests;
using FileFlow.Storage;
using Npgsql;
using Xunit.Abstractions;

namespace FileFlow.Cli.Tests;

/// <summary>Issue 15 on PostgreSQL: the tamper suite over every column, read-only opens without DDL, one simulate per schema.</summary>
public sealed class PostgresStoreIntegrityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string schema = PostgresServer.NewSchema();
    private readonly string state = Directory.CreateTempSubdirectory("fileflow-pg-tamper-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (PostgresServer.IsConfigured)
        {
            await PostgresServer.DropSchemaAsync(schema);
        }

        Directory.Delete(state, recursive: true);
    }

    private string[] Store(params string[] args) => [.. args, "--postgres", PostgresServer.RequiredConnectionString, "--schema", schema, "--state-dir", state];

    private async Task<bool> SchemaExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.RequiredConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    [PostgresFact]
    public async Task Every_column_of_every_table_changed_by_a_byte_or_a_whole_value_is_detected()
    {
        var simulate = await Cli.RunProcessAsync(state, Store("simulate", "--files", "60", "--offices", "2", "--seed", "3", "--days", "40"));
        simulate.ExitCode.Should().Be(0, simulate.ToString());
        var columns = new List<(string, string, string)>();
        await using (var connection = new NpgsqlConnection(PostgresServer.RequiredConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                var key = table switch { "records" => "position", "counters" => "scope", _ => "id" };
                columns.Add(($"{schema}.{table}", reader.GetString(1), key));
            }
        }

        columns.Select(c => c.Item1[(schema.Length + 1)..]).Distinct().Should().BeEquivalentTo(["counters", "heads", "log_state", "records", "schema_version"]);
        var suite = new TamperSuite(
            () => new NpgsqlConnection(PostgresServer.RequiredConnectionString),
            async () => await PostgreSqlDocumentStore.OpenAsync(new PostgreSqlStoreOptions
            {
                ConnectionString = PostgresServer.RequiredConnectionString, Schema = schema, ReadOnly = true,
            }),
            TamperSuite.VerifierFor(Path.Combine(state, "fileflow-pg-" + schema)),
            "@");
        var outcomes = await suite.RunAsync(columns);
        foreach (var outcome in outcomes)
        {
            output.WriteLine(outcome.ToString());
        }

        output.WriteLine($"tried {outcomes.Count}: detected {outcomes.Count(o => o.Result == "detected")}, store refuses to open {outcomes.Count(o => o.Result == "refused")}, "
            + $"impossible (a constraint refuses the write) {outcomes.Count(o => o.Result == "impossible")}, undetected {outcomes.Count(o => !o.Detected)}");
        HashSet<string> undetectable = [$"{schema}.counters.scope", $"{schema}.counters.value", $"{schema}.log_state.next_position"];
        outcomes.Where(o => !o.Detected).Select(o => $"{o.Table}.{o.Column}").Distinct().Should().BeSubsetOf(undetectable,
            string.Join("\n", outcomes.Where(o => !o.Detected)));
    }

    [PostgresFact]
    public async Task A_read_only_open_of_a_schema_without_a_store_creates_nothing()
    {
        var options = new PostgreSqlStoreOptions { ConnectionString = PostgresServer.RequiredConnectionString, Schema = schema, ReadOnly = true };

        await FluentActions.Awaiting(() => PostgreSqlDocumentStore.OpenAsync(options)).Should().ThrowAsync<UnmigratedStoreException>()
            .Where(e => e.FoundVersion == 0);
        (await SchemaExistsAsync(schema)).Should().BeFalse("a read-only open runs no DDL");
    }

    [PostgresFact]
    public async Task A_read_only_store_runs_in_read_only_transactions()
    {
        (await PostgreSqlDocumentStore.OpenAsync(PostgresServer.Options(schema))).DisposeAsync().AsTask().Wait();
        var options = new PostgreSqlStoreOptions { ConnectionString = PostgresServer.RequiredConnectionString, Schema = schema, ReadOnly = true };
        await using var store = await PostgreSqlDocumentStore.OpenAsync(options);

        await FluentActions.Awaiting(async () => await store.NextSerialAsync("file")).Should().ThrowAsync<PostgresException>()
            .Where(e => e.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction);
    }

    [PostgresFact]
    public async Task A_second_simulate_into_the_same_schema_is_refused_while_the_first_runs()
    {
        var first = Cli.RunProcessAsync(state, Store("simulate", "--files", "300", "--offices", "2", "--days", "40"));
        for (var i = 0; i < 300 && !await SchemaExistsAsync(schema); i++)
        {
            await Task.Delay(100);
        }

        var second = await Cli.RunProcessAsync(state, Store("simulate", "--files", "10", "--offices", "2", "--force"));
        var firstRun = await first;

        second.ExitCode.Should().Be(2, second.ToString());
        second.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("another 'fileflow simulate'").And.Contain(schema);
        firstRun.ExitCode.Should().Be(0, firstRun.ToString());
        var verify = await Cli.RunProcessAsync(state, Store("verify"));
        verify.ExitCode.Should().Be(0, "the first run's store is whole: " + verify);
    }
}
