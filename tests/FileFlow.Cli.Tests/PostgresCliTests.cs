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
        files.Json.GetProperty("count").GetInt32().Should().Be(60);
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

    private string[] Store(params string[] args) => [.. args, "--postgres", PostgresServer.RequiredConnectionString, "--schema", schema, "--state-dir", state];
}
