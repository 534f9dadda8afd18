using System.Net;
using System.Net.Sockets;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Storage;
using FileFlow.StoreContract;
using Npgsql;

namespace FileFlow.PostgreSql.Tests;

/// <summary>
/// What a caller may retry: a lost, unreachable or read-only server is transient (retry the action with its action id); a conflict,
/// a duplicate action or a bad statement is not. Each failure is provoked on the real server.
/// </summary>
public sealed class TransientFailureTests : IAsyncLifetime
{
    private readonly string schema = PostgresServer.NewSchema();
    private readonly List<IAsyncDisposable> owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var item in owned)
        {
            await item.DisposeAsync();
        }

        if (PostgresServer.IsConfigured)
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task IsTransient_of_an_unreachable_server_is_true()
    {
        var port = FreeLoopbackPort();
        var options = new PostgreSqlStoreOptions { ConnectionString = $"Host=127.0.0.1;Port={port};Username=u;Password=p;Timeout=2", Schema = "fileflow" };

        var open = () => PostgreSqlDocumentStore.OpenAsync(options);

        var thrown = (await open.Should().ThrowAsync<NpgsqlException>()).Which;
        PostgreSqlDocumentStore.IsTransient(thrown).Should().BeTrue(thrown.ToString());
    }

    [Fact]
    public void IsTransient_of_domain_failures_and_caller_mistakes_is_false()
    {
        var document = DocumentId.New();
        PostgreSqlDocumentStore.IsTransient(new ConcurrencyException(document, 1, 2)).Should().BeFalse();
        PostgreSqlDocumentStore.IsTransient(new DuplicateActionException(Guid.NewGuid(), document)).Should().BeFalse();
        PostgreSqlDocumentStore.IsTransient(new ArgumentException("bad")).Should().BeFalse();
        PostgreSqlDocumentStore.IsTransient(new InvalidOperationException("bad", new ConcurrencyException(document, 1, 2))).Should().BeFalse();
        PostgreSqlDocumentStore.IsTransient(new InvalidOperationException("wrapped", new TimeoutException())).Should().BeTrue();
        var act = () => PostgreSqlDocumentStore.IsTransient(null!);
        act.Should().Throw<ArgumentNullException>();
    }

    [PostgresFact]
    public async Task IsTransient_of_a_bad_statement_is_false()
    {
        var bad = async () => await PostgresServer.ExecuteAsync(schema, "SELEC 1");

        var thrown = (await bad.Should().ThrowAsync<PostgresException>()).Which;
        thrown.SqlState.Should().Be(PostgresErrorCodes.SyntaxError);
        PostgreSqlDocumentStore.IsTransient(thrown).Should().BeFalse();
    }

    [PostgresFact]
    public async Task An_append_to_a_read_only_server_is_transient_and_changes_nothing()
    {
        var writable = await OpenAsync(PostgresServer.RequiredConnectionString);
        var office = TestOffice.Create(writable);
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());

        // A standby not yet promoted refuses writes the same way: SQLSTATE 25006.
        var readOnly = await OpenAsync(PostgresServer.RequiredConnectionString + ";Options=-c default_transaction_read_only=on");
        var standbyEngine = new FileFlowEngine(readOnly, office.Signers, office.Chart, new FileFlowEngineOptions { TimeProvider = office.Clock });
        var action = new DocumentAction(opened.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer };

        var fire = () => standbyEngine.FireAsync(action);

        var thrown = (await fire.Should().ThrowAsync<PostgresException>()).Which;
        thrown.SqlState.Should().Be(PostgresErrorCodes.ReadOnlySqlTransaction);
        PostgreSqlDocumentStore.IsTransient(thrown).Should().BeTrue();
        (await writable.FindActionAsync(action.ActionId)).Should().BeEmpty();
        (await writable.GetHeadAsync(opened.Head.Id))!.Sequence.Should().Be(0);

        // Retried on the writable server with the same action id, it applies once.
        var retried = await office.Engine.FireAsync(action);
        retried.Replayed.Should().BeFalse();
        (await office.Engine.FireAsync(action)).Replayed.Should().BeTrue();
        (await writable.FindActionAsync(action.ActionId)).Should().ContainSingle();
    }

    [PostgresFact]
    public async Task IsTransient_when_no_listed_host_takes_writes_is_true()
    {
        // The failover window: the primary is gone (a closed port) and the standby is still read-only; with target_session_attrs=read-write
        // Npgsql finds no suitable host. The caller waits and retries until the standby is promoted.
        var writable = await OpenAsync(PostgresServer.RequiredConnectionString);
        var server = new NpgsqlConnectionStringBuilder(PostgresServer.RequiredConnectionString);
        var hosts = new NpgsqlConnectionStringBuilder(PostgresServer.RequiredConnectionString)
        {
            Host = $"127.0.0.1:{FreeLoopbackPort()},{server.Host}:{server.Port}",
            TargetSessionAttributes = "read-write",
            Options = "-c default_transaction_read_only=on",
            Timeout = 3,
        };
        await using var dataSource = new NpgsqlDataSourceBuilder(hosts.ConnectionString).Build();

        var open = () => PostgreSqlDocumentStore.OpenAsync(dataSource, schema);

        var thrown = (await open.Should().ThrowAsync<NpgsqlException>()).Which;
        PostgreSqlDocumentStore.IsTransient(thrown).Should().BeTrue(thrown.ToString());
        (await writable.GetHeadAsync(DocumentId.New())).Should().BeNull("the writable server is untouched");
    }

    [PostgresFact]
    public async Task An_action_whose_connection_was_terminated_is_transient_and_its_retry_applies_once()
    {
        var application = "fileflow-terminated-" + Guid.NewGuid().ToString("N")[..8];
        var store = await OpenAsync(PostgresServer.RequiredConnectionString + $";Application Name={application}");
        var office = TestOffice.Create(store);
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
        var action = new DocumentAction(opened.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer };

        // The server ends every pooled session (as a crash or a failover does); the next use of a pooled connection fails.
        (await PostgresServer.ExecuteAsync(schema,
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{application}'")).Should().NotBe(0L);
        Exception? failure = null;
        ActionResult? result = null;
        for (var attempt = 0; attempt < 5 && result is null; attempt++)
        {
            try
            {
                result = await office.Engine.FireAsync(action);
            }
            catch (Exception e) when (PostgreSqlDocumentStore.IsTransient(e))
            {
                failure ??= e;
            }
        }

        failure.Should().NotBeNull("the terminated pooled connection fails the first attempt");
        result.Should().NotBeNull();
        (await store.FindActionAsync(action.ActionId)).Should().ContainSingle();
        (await store.GetHeadAsync(opened.Head.Id))!.Sequence.Should().Be(1);
    }

    private async Task<PostgreSqlDocumentStore> OpenAsync(string connection)
    {
        var store = await PostgreSqlDocumentStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = connection, Schema = schema });
        owned.Add(store);
        return store;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
