using FileFlow.PostgreSql.Tests;

namespace FileFlow.Cli.Tests;

/// <summary>The tool on a PostgreSQL store (<c>--postgres</c>, <c>--schema</c>, <c>--state-dir</c>): skipped, with the reason, when <c>FILEFLOW_TEST_POSTGRES</c> is not set.</summary>
public sealed class PostgresCliTests : IAsyncLifetime
{
    private readonly string schema = PostgresServer.NewSchema();
    private readonly string state = Directory.CreateTempSubdirectory("fileflow-cli-pg-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (PostgresServer.IsConfigured)
        {
            await PostgresServer.DropSchemaAsync(schema);
        }

        Directory.Delete(state, recursive: true);
    }

    [PostgresFact]
    public async Task Simulate_then_verify_on_postgresql_exit_zero_and_agree_on_counts()
    {
        var simulate = await Cli.RunProcessAsync(state, Store("simulate", "--files", "60", "--offices", "2", "--seed", "5", "--days", "40", "--json"));
        simulate.ExitCode.Should().Be(0, simulate.ToString());
        File.Exists(Path.Combine(state, $"fileflow-pg-{schema}.root.pem")).Should().BeTrue("sidecars go in --state-dir, named after the schema");
        File.Exists(Path.Combine(state, $"fileflow-pg-{schema}.checkpoint.txt")).Should().BeTrue();

        var verify = await Cli.RunProcessAsync(state, Store("verify", "--json"));

        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Json.GetProperty("valid").GetBoolean().Should().BeTrue();
        verify.Json.GetProperty("records").GetInt64().Should().Be(simulate.Json.GetProperty("transitions").GetInt64());
        verify.Json.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeTrue();

        var files = await Cli.RunInProcessAsync(Store("files", "--limit", "1000", "--json"));
        files.ExitCode.Should().Be(0, files.ToString());
        files.Json.GetProperty("items").GetArrayLength().Should().Be(60);
        files.Json.GetProperty("total").GetInt32().Should().Be(60);
    }

    [PostgresFact]
    public async Task Simulate_into_a_schema_that_holds_a_store_exits_two_without_force()
    {
        var first = await Cli.RunInProcessAsync(Store("simulate", "--files", "5", "--offices", "1", "--days", "5", "--json"));
        first.ExitCode.Should().Be(0, first.ToString());

        var again = await Cli.RunInProcessAsync(Store("simulate", "--files", "5", "--offices", "1", "--days", "5", "--json"));

        again.ExitCode.Should().Be(2, again.ToString());
        again.Stderr.Trim().Should().Contain(schema).And.Contain("--force").And.NotContain("\n");
        var verify = await Cli.RunInProcessAsync(Store("verify", "--json"));
        verify.ExitCode.Should().Be(0, "the refused run changed nothing: " + verify);
    }

    [PostgresFact]
    public async Task Verify_of_a_schema_without_a_store_exits_two_and_creates_nothing()
    {
        var empty = PostgresServer.NewSchema();

        var run = await Cli.RunInProcessAsync("files", "--postgres", PostgresServer.RequiredConnectionString, "--schema", empty, "--state-dir", state);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Should().Contain(empty).And.NotContain("\n");
        (await PostgresServer.ExecuteAsync(empty, $"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{empty}'")).Should().Be(0L);
    }

    [PostgresFact]
    public async Task The_password_is_read_from_PGPASSWORD_and_the_connection_string_from_FILEFLOW_POSTGRES()
    {
        var withoutPassword = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.RequiredConnectionString) { Password = null }.ConnectionString;
        var password = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.RequiredConnectionString).Password;
        password.Should().NotBeNullOrEmpty("the test server asks for a password (scram-sha-256)");
        var noPassFile = Path.Combine(state, "empty.pgpass");
        await File.WriteAllTextAsync(noPassFile, string.Empty);
        var environment = new Dictionary<string, string?> { ["PGPASSWORD"] = password, ["PGPASSFILE"] = noPassFile, ["FILEFLOW_POSTGRES"] = null };

        var simulate = await Cli.RunProcessAsync(state, environment, "simulate", "--files", "8", "--offices", "1", "--days", "5", "--json",
            "--postgres", withoutPassword, "--schema", schema, "--state-dir", state);
        simulate.ExitCode.Should().Be(0, simulate.ToString());

        var fromEnvironment = new Dictionary<string, string?>(environment) { ["FILEFLOW_POSTGRES"] = withoutPassword };
        var verify = await Cli.RunProcessAsync(state, fromEnvironment, "verify", "--json", "--schema", schema, "--state-dir", state);
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Json.GetProperty("records").GetInt64().Should().Be(simulate.Json.GetProperty("transitions").GetInt64());

        var noPassword = new Dictionary<string, string?> { ["PGPASSWORD"] = null, ["PGPASSFILE"] = noPassFile, ["FILEFLOW_POSTGRES"] = withoutPassword };
        var refused = await Cli.RunProcessAsync(state, noPassword, "verify", "--json", "--schema", schema, "--state-dir", state);
        refused.ExitCode.Should().NotBe(0, refused.ToString());
        refused.Stderr.Trim().Should().Contain("password").And.NotContain("\n", "a missing password is one line");
    }

    [Fact]
    public async Task An_explicit_db_wins_over_FILEFLOW_POSTGRES()
    {
        var environment = new Dictionary<string, string?> { ["FILEFLOW_POSTGRES"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=1" };

        var run = await Cli.RunProcessAsync(state, environment, "files", "--db", Path.Combine(state, "missing.db"), "--json");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("missing.db").And.NotContain("PostgreSQL");
    }

    private string[] Store(params string[] args) => [.. args, "--postgres", PostgresServer.RequiredConnectionString, "--schema", schema, "--state-dir", state];
}
