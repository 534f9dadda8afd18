using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite.Tests;

public sealed class SqliteSchemaTests : IAsyncLifetime
{
    private readonly TempDatabase database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Open_twice_creates_the_schema_once_and_records_its_version()
    {
        var first = await database.OpenAsync();
        var office = TestOffice.Create(first);
        var file = await office.OpenFileAsync();
        await first.DisposeAsync();
        var objects = database.Scalar("SELECT count(*) FROM sqlite_master");

        var second = await database.OpenAsync();

        (await second.GetHeadAsync(file.Id)).Should().Be(file);
        database.Scalar("SELECT count(*) FROM sqlite_master").Should().Be(objects);
        database.Scalar("SELECT version FROM schema_info").Should().Be((long)SqliteDocumentStore.SchemaVersion);
        database.Scalar("SELECT count(*) FROM schema_info").Should().Be(1L);
        database.Scalar("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)")
            .Should().Be("counters,heads,heads_search,heads_search_config,heads_search_data,heads_search_idx,records,schema_info");
        database.Scalar("PRAGMA journal_mode").Should().Be("wal");
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_and_left_untouched()
    {
        await (await database.OpenAsync()).DisposeAsync();
        database.Execute("UPDATE schema_info SET version = 99");

        var act = async () => await SqliteDocumentStore.OpenAsync(database.FilePath);

        var error = (await act.Should().ThrowAsync<SchemaVersionException>()).Which;
        error.Store.Should().Be("SQLite");
        error.FoundVersion.Should().Be(99);
        error.SupportedVersion.Should().Be(SqliteDocumentStore.SchemaVersion);
        error.Should().BeAssignableTo<FileFlowException>();
        database.Scalar("SELECT version FROM schema_info").Should().Be(99L);
    }

    [Fact]
    public async Task Reopening_the_file_finds_every_record_head_and_counter()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        foreach (var state in new[] { DocumentState.Approved, DocumentState.Returned, DocumentState.Closed })
        {
            await office.FileInStateAsync(state);
        }

        var file = await office.OpenFileAsync("चिकित्सा अवकाश");
        await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("अवकाश देय है।"));
        var before = await ReadAllAsync(store);
        var heads = (await store.QueryAsync(new DocumentQuery { Limit = 1000 })).Items;
        var serial = await store.NextSerialAsync("scope");
        await store.DisposeAsync();

        var reopened = await database.OpenAsync();

        var after = await ReadAllAsync(reopened);
        after.Select(r => (r.Position, r.DocumentId, r.Sequence)).Should().Equal(before.Select(r => (r.Position, r.DocumentId, r.Sequence)));
        after.Select(r => Convert.ToHexString(r.CanonicalBytes.Span) + "/" + Convert.ToHexString(r.Signature.Value) + "/" + (r.Content is { } c ? Convert.ToHexString(c.Span) : "-"))
            .Should().Equal(before.Select(r => Convert.ToHexString(r.CanonicalBytes.Span) + "/" + Convert.ToHexString(r.Signature.Value) + "/" + (r.Content is { } c ? Convert.ToHexString(c.Span) : "-")));
        after.Should().Contain(r => r.Content != null);
        (await reopened.QueryAsync(new DocumentQuery { Limit = 1000 })).Items.Should().Equal(heads);
        (await reopened.NextSerialAsync("scope")).Should().Be(serial + 1);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(reopened);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        report.Records.Should().Be(before.Count);
    }

    [Fact]
    public async Task A_version_1_database_is_migrated_and_its_subjects_become_searchable_through_the_index()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        var medical = await office.OpenFileAsync("चिकित्सा अवकाश स्वीकृति — श्री रमेश कुमार");
        var gpf = await office.OpenFileAsync("GPF advance of Shri Mohan Lal");
        await office.FireAsync(medical.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        // Turn the file back into what version 1 wrote: no subject index, version 1 recorded.
        database.Execute("DROP TABLE heads_search; UPDATE schema_info SET version = 1");
        database.Scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'heads_search%'").Should().Be(0L);

        var migrated = await database.OpenAsync();

        database.Scalar("SELECT version FROM schema_info").Should().Be(2L);
        database.Scalar("SELECT count(*) FROM heads_search WHERE heads_search MATCH '\"अवकाश\"'").Should().Be(1L);
        database.Scalar("SELECT count(*) FROM heads_search WHERE heads_search MATCH '\"GPF ADV\"'").Should().Be(1L);
        (await migrated.QueryAsync(new DocumentQuery { Text = "अवकाश" })).Items.Select(h => h.Id).Should().Equal(medical.Id);
        (await migrated.QueryAsync(new DocumentQuery { Text = "advance" })).Items.Select(h => h.Id).Should().Equal(gpf.Id);
        var later = await TestOffice.Create(migrated).OpenFileAsync("अर्जित अवकाश नकदीकरण");
        (await migrated.QueryAsync(new DocumentQuery { Text = "अवकाश" })).Items.Select(h => h.Id).Should().Equal(later.Id, medical.Id);

        // Opening again changes nothing: the migration ran once.
        await migrated.DisposeAsync();
        SqliteConnection.ClearAllPools();
        var objects = database.Scalar("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master ORDER BY name)");
        var reopened = await database.OpenAsync();
        database.Scalar("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master ORDER BY name)").Should().Be(objects);
        database.Scalar("SELECT count(*) FROM heads_search WHERE heads_search MATCH '\"अवकाश\"'").Should().Be(2L);
        (await reopened.QueryAsync(new DocumentQuery { Text = "अवकाश" })).Items.Should().HaveCount(2);
    }

    [Fact]
    public async Task Migrating_from_version_1_stops_counting_frozen_notings_as_pending()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        var file = await office.OpenFileAsync("Medical leave of Shri Mohan Lal");
        var noting = (await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Leave is due."))).Head.Id;
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        // What version 1 wrote: every state but closed, discarded and attached counted as pending, frozen notings too.
        database.Execute("DROP TABLE heads_search; UPDATE heads SET pending = 1 WHERE kind = 'Noting'; UPDATE schema_info SET version = 1");
        database.Scalar("SELECT count(*) FROM heads WHERE kind = 'Noting' AND state = 'Forwarded' AND pending = 1").Should().Be(1L);

        var migrated = await database.OpenAsync();

        database.Scalar("SELECT pending FROM heads WHERE kind = 'Noting'").Should().Be(0L);
        (await migrated.GetHeadAsync(noting))!.State.Should().Be(DocumentState.Forwarded);
        database.Scalar("SELECT pending FROM heads WHERE kind = 'File'").Should().Be(1L, "the forwarded file is still pending with the section officer");
        (await migrated.QueryAsync(new DocumentQuery { Holder = TestOffice.DealingAssistant, PendingOnly = true })).Items.Should().BeEmpty();
        await migrated.DisposeAsync();
    }

    [Fact]
    public async Task A_long_subject_search_is_answered_by_the_trigram_index()
    {
        var store = await database.OpenAsync();
        await TestOffice.Create(store).OpenFileAsync("अर्जित अवकाश नकदीकरण");
        using var connection = new SqliteConnection($"Data Source={database.FilePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var version = Version.Parse((string)command.ExecuteScalar()!);
        version.Should().BeGreaterThanOrEqualTo(new Version(3, 34), "the trigram tokenizer needs SQLite 3.34");

        command.CommandText = "SELECT rowid FROM heads_search WHERE heads_search MATCH '\"वकाश नक\"'";
        command.ExecuteScalar().Should().Be(0L, "the creation record of the only file is at position 0");
        command.CommandText = "SELECT count(*) FROM heads_search WHERE heads_search MATCH '\"वकाश अर\"'";
        command.ExecuteScalar().Should().Be(0L);
    }

    [Fact]
    public async Task Options_without_a_file_are_refused()
    {
        await FluentActions.Awaiting(() => SqliteDocumentStore.OpenAsync(new SqliteStoreOptions()).AsTask()).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { ConnectionString = "Data Source=:memory:" }).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = database.FilePath, MaxGroupSize = 0 }).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task A_writer_cache_outside_its_range_is_refused()
    {
        await FluentActions.Awaiting(() => SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = database.FilePath, WriterCacheMegabytes = 0 }).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = database.FilePath, WriterCacheMegabytes = 65_537 }).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        File.Exists(database.FilePath).Should().BeFalse();
    }

    private static async Task<List<SignedRecord>> ReadAllAsync(IDocumentStore store)
    {
        var list = new List<SignedRecord>();
        await foreach (var record in store.ReadAllAsync())
        {
            list.Add(record);
        }

        return list;
    }
}
