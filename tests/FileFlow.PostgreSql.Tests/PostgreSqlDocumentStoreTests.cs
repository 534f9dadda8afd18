using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.PostgreSql.Tests;

/// <summary>What only a shared SQL database shows: schema migration, several connections and data sources at once, tampering at rest.</summary>
public sealed class PostgreSqlDocumentStoreTests : IAsyncLifetime
{
    private readonly string schema = PostgresServer.NewSchema();
    private readonly List<PostgreSqlDocumentStore> stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        if (PostgresServer.IsConfigured)
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    private async Task<PostgreSqlDocumentStore> OpenAsync()
    {
        var store = await PostgresServer.OpenAsync(schema);
        stores.Add(store);
        return store;
    }

    private static async Task<List<SignedRecord>> AllAsync(IDocumentStore store)
    {
        var list = new List<SignedRecord>();
        await foreach (var r in store.ReadAllAsync())
        {
            list.Add(r);
        }

        return list;
    }

    [Fact]
    public async Task OpenAsync_with_an_invalid_schema_name_throws_ArgumentException()
    {
        foreach (var bad in new[] { "", "Upper", "1starts_with_digit", "has-dash", "semi;colon", new string('a', 64) })
        {
            var act = () => PostgreSqlDocumentStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = "Host=127.0.0.1", Schema = bad });
            await act.Should().ThrowAsync<ArgumentException>(bad);
        }

        var noConnection = () => PostgreSqlDocumentStore.OpenAsync(new PostgreSqlStoreOptions());
        (await noConnection.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("ConnectionString");
    }

    [PostgresFact]
    public async Task OpenAsync_from_several_stores_at_once_creates_the_schema_once_and_records_its_version()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(OpenAsync)));

        opened.Should().HaveCount(6);
        (await PostgresServer.ExecuteAsync(schema, "SELECT version FROM {s}.schema_version")).Should().Be(PostgreSqlDocumentStore.SupportedSchemaVersion);
        (await PostgresServer.ExecuteAsync(schema, "SELECT count(*) FROM {s}.log_state")).Should().Be(1L);
        (await PostgresServer.ExecuteAsync(schema, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = '" + schema + "'"))
            .Should().Be("counters,heads,log_state,records,schema_version");

        // Every store works on the one schema.
        (await opened[0].NextSerialAsync("x")).Should().Be(1);
        (await opened[5].NextSerialAsync("x")).Should().Be(2);
    }

    [PostgresFact]
    public async Task OpenAsync_on_a_schema_from_a_newer_FileFlow_throws_SchemaVersionException_and_changes_nothing()
    {
        await OpenAsync();
        await PostgresServer.ExecuteAsync(schema, "UPDATE {s}.schema_version SET version = 99");

        var act = () => PostgresServer.OpenAsync(schema);
        var error = (await act.Should().ThrowAsync<SchemaVersionException>()).Which;
        error.FoundVersion.Should().Be(99);
        error.SupportedVersion.Should().Be(PostgreSqlDocumentStore.SupportedSchemaVersion);
        error.Message.Should().Contain(schema).And.Contain("99");
        (await PostgresServer.ExecuteAsync(schema, "SELECT version FROM {s}.schema_version")).Should().Be(99);
    }

    [PostgresFact]
    public async Task Eight_data_sources_firing_the_same_forward_at_once_land_exactly_once_without_gaps()
    {
        var first = TestOffice.Create(await OpenAsync());
        var file = await first.FileInStateAsync(DocumentState.Forwarded);
        await first.OpenFileAsync("another file, so positions interleave");
        var offices = new List<TestOffice> { first };
        for (var i = 1; i < 8; i++)
        {
            var office = TestOffice.Create(await OpenAsync());
            office.Clock.SetUtcNow(first.Clock.GetUtcNow());
            offices.Add(office);
        }

        // Warm every pool so the race is between appends, not connection set-up.
        foreach (var office in offices)
        {
            await office.Store.GetHeadAsync(file.Id);
        }

        using var start = new Barrier(offices.Count);
        var outcomes = await Task.WhenAll(offices.Select((office, i) => Task.Run(async () =>
        {
            start.SignalAndWait();
            try
            {
                await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = i % 2 == 0 ? TestOffice.UnderSecretary : TestOffice.JointSecretary });
                return "landed";
            }
            catch (ConcurrencyException)
            {
                return "conflict";
            }
            catch (NotCurrentHolderException)
            {
                return "too late"; // loaded the head after the winner landed
            }
        })));

        outcomes.Count(o => o == "landed").Should().Be(1, string.Join(", ", outcomes));
        var all = await AllAsync(first.Store);
        all.Select(r => r.Position).Should().Equal(Enumerable.Range(0, 4).Select(i => (long)i));
        all.Where(r => r.DocumentId == file.Id).Select(r => r.Sequence).Should().Equal(0, 1, 2);
        (await PostgresServer.ExecuteAsync(schema, "SELECT next_position FROM {s}.log_state")).Should().Be(4L);
        var report = await new StoreVerifier(first.Keys, first.Chart).VerifyAllAsync(first.Store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
    }

    [PostgresFact]
    public async Task A_refused_append_leaves_no_gap_in_positions()
    {
        var office = TestOffice.Create(await OpenAsync());
        var file = await office.OpenFileAsync();
        var forwarded = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        var stale = async () => await office.Store.AppendAsync([new RecordAppend(forwarded.Record, forwarded.Head)]);
        await stale.Should().ThrowAsync<FileFlowException>();

        await office.OpenFileAsync("after the refusal");

        (await AllAsync(office.Store)).Select(r => r.Position).Should().Equal(0, 1, 2);
        (await PostgresServer.ExecuteAsync(schema, "SELECT next_position FROM {s}.log_state")).Should().Be(3L);
    }

    [PostgresFact]
    public async Task A_second_creation_under_the_same_action_id_names_the_same_document_and_cannot_land_twice()
    {
        var store = await OpenAsync();
        var office = TestOffice.Create(store);
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());

        // Another process that missed the first attempt builds its own file under the same action id.
        var elsewhere = TestOffice.Create(new InMemoryDocumentStore());
        var twin = await elsewhere.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile(), opened.Record.Record.ActionId);
        twin.Head.Id.Should().Be(opened.Head.Id, "documents an action creates take ids derived from the action id");
        var act = async () => await store.AppendAsync([new RecordAppend(twin.Record, twin.Head)]);

        var error = (await act.Should().ThrowAsync<FileFlowException>()).Which;
        error.Should().Match(e => e is ConcurrencyException || e is DuplicateActionException);
        (await store.FindActionAsync(opened.Record.Record.ActionId)).Should().ContainSingle().Which.DocumentId.Should().Be(opened.Head.Id);
    }

    [PostgresFact]
    public async Task Tampered_record_bytes_are_named_by_the_verifier()
    {
        var office = TestOffice.Create(await OpenAsync());
        var file = await office.FileInStateAsync(DocumentState.Approved);
        var clean = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        clean.IsValid.Should().BeTrue(string.Join("; ", clean.Failures));

        // Flip one byte of the forward record's canonical bytes, at rest.
        await PostgresServer.ExecuteAsync(schema, "UPDATE {s}.records SET canonical = set_byte(canonical, length(canonical) - 1, get_byte(canonical, length(canonical) - 1) # 1) WHERE position = 1");

        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.IsValid.Should().BeFalse();
        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f => f.DocumentId == file.Id && f.Sequence == 1);
    }

    [PostgresFact]
    public async Task A_deleted_record_shows_as_a_gap_in_the_log()
    {
        var office = TestOffice.Create(await OpenAsync());
        await office.FileInStateAsync(DocumentState.Approved);
        await PostgresServer.ExecuteAsync(schema, "DELETE FROM {s}.records WHERE position = 1");

        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.Missing && f.Reason.Contains("position 0 to 2"));
    }

    [PostgresFact]
    public async Task Query_pages_in_exactly_the_in_memory_order_when_times_tie()
    {
        // Twenty files opened in the same millisecond: the order falls to the ids, and both stores must agree on it.
        var memory = new InMemoryDocumentStore();
        var office = TestOffice.Create(memory);
        var appends = new List<RecordAppend>();
        for (var i = 0; i < 20; i++)
        {
            var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile($"File {i}"));
            appends.Add(new RecordAppend(opened.Record, opened.Head));
            if (i % 7 == 6)
            {
                office.Tick();
            }
        }

        var store = await OpenAsync();
        await store.AppendAsync(appends);

        (await PagesAsync(store, 3)).Should().Equal(await PagesAsync(memory, 3));
        (await PagesAsync(store, 1000)).Should().HaveCount(20);
    }

    [PostgresFact]
    public async Task ReadAll_pages_through_more_records_than_one_query_returns()
    {
        await using var store = await PostgreSqlDocumentStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = PostgresServer.RequiredConnectionString, Schema = schema, ReadPageSize = 2 });
        var office = TestOffice.Create(store);
        await office.FileInStateAsync(DocumentState.Approved);
        await office.FileInStateAsync(DocumentState.Forwarded);

        (await AllAsync(store)).Select(r => r.Position).Should().Equal(0, 1, 2, 3, 4);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
    }

    private static async Task<List<DocumentId>> PagesAsync(IDocumentStore store, int limit)
    {
        var ids = new List<DocumentId>();
        var query = new DocumentQuery { Limit = limit, Text = "HEALTH/EST" };
        while (true)
        {
            var page = await store.QueryAsync(query);
            ids.AddRange(page.Items.Select(h => h.Id));
            if (page.ContinuationToken is null)
            {
                return ids;
            }

            query = query with { After = page.ContinuationToken };
        }
    }
}
