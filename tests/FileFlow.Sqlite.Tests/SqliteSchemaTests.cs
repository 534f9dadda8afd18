using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;

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
            .Should().Be("counters,heads,records,schema_info");
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
    public async Task Options_without_a_file_are_refused()
    {
        await FluentActions.Awaiting(() => SqliteDocumentStore.OpenAsync(new SqliteStoreOptions()).AsTask()).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { ConnectionString = "Data Source=:memory:" }).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = database.FilePath, MaxGroupSize = 0 }).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
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
