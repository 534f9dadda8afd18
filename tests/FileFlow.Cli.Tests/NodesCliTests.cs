using FileFlow.PostgreSql.Tests;

namespace FileFlow.Cli.Tests;

/// <summary>
/// <c>fileflow nodes</c>: two real app node processes, each with its own engine and connection pool, act on the same files of one
/// organisation in one PostgreSQL schema; every step lands once and the store verifies.
/// </summary>
public sealed class NodesCliTests : IAsyncLifetime
{
    private readonly string schema = PostgresServer.NewSchema();
    private readonly string state = Directory.CreateTempSubdirectory("fileflow-cli-nodes-").FullName;

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
    public async Task Two_node_processes_on_the_same_files_apply_every_step_once_and_the_store_verifies()
    {
        var run = await Cli.RunProcessAsync(state, Store("nodes", "--processes", "2", "--files", "40", "--json"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json.GetProperty("total").GetInt32().Should().Be(1);
        var row = run.Json.GetProperty("items")[0];
        row.GetProperty("processes").GetInt32().Should().Be(2);
        var check = row.GetProperty("check");
        check.GetProperty("verified").GetBoolean().Should().BeTrue(run.ToString());
        check.GetProperty("closed").GetInt32().Should().Be(40, "every file's history runs to its close");
        check.GetProperty("foreignSteps").GetInt64().Should().Be(0, "every step carries the action id derived from the sequence it acted from");
        check.GetProperty("duplicateActions").GetInt64().Should().Be(0);
        var nodes = row.GetProperty("nodes").EnumerateArray().ToList();
        nodes.Should().HaveCount(2);
        nodes.Should().AllSatisfy(n => n.GetProperty("applied").GetInt64().Should().BePositive("each process acts, through its own engine"));
        nodes.Sum(n => n.GetProperty("applied").GetInt64()).Should().Be(check.GetProperty("steps").GetInt64(),
            "a step one process found already applied by the other is returned to it, not applied again");
        nodes.Sum(n => n.GetProperty("errors").GetInt64()).Should().Be(0);

        var verify = await Cli.RunProcessAsync(state, Store("verify", "--json"));
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Json.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeTrue();
    }

    [PostgresFact]
    public async Task Nodes_check_with_an_acknowledged_action_missing_from_the_store_exits_one_and_names_it()
    {
        var prepare = await Cli.RunInProcessAsync(Store("nodes", "prepare", "--files", "4", "--offices", "1", "--json"));
        prepare.ExitCode.Should().Be(0, prepare.ToString());
        var acks = Path.Combine(state, "acks.log");
        var work = await Cli.RunInProcessAsync(Store("nodes", "work", "--ack-log", acks, "--json"));
        work.ExitCode.Should().Be(0, work.ToString());
        (await Cli.RunInProcessAsync(Store("nodes", "check", "--acks", acks))).ExitCode.Should().Be(0);
        var lost = Guid.NewGuid().ToString("D");
        await File.AppendAllTextAsync(acks, $"{lost} {Guid.NewGuid():D} 3 applied\n");

        var check = await Cli.RunInProcessAsync(Store("nodes", "check", "--acks", acks));

        check.ExitCode.Should().Be(1, check.ToString());
        check.Stderr.Trim().Should().Contain(lost).And.NotContain("\n");
    }

    [Fact]
    public async Task Nodes_without_postgres_exits_two_with_one_line()
    {
        var run = await Cli.RunInProcessAsync("nodes", "--db", Path.Combine(state, "x.db"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Should().Contain("--postgres").And.NotContain("\n");
        File.Exists(Path.Combine(state, "x.db")).Should().BeFalse();
    }

    private string[] Store(params string[] args) => [.. args, "--postgres", PostgresServer.RequiredConnectionString, "--schema", schema, "--state-dir", state];
}
