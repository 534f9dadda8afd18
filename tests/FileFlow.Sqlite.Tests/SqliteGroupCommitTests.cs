using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Storage;
using FileFlow.StoreContract;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite.Tests;

public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly TempDatabase database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    /// <summary>Builds creation records of new files on a scratch in-memory office, ready to append elsewhere.</summary>
    private static async Task<(TestOffice Office, List<ActionResult> Files)> PrebuiltFilesAsync(int count)
    {
        var scratch = TestOffice.Create();
        var files = new List<ActionResult>();
        for (var i = 0; i < count; i++)
        {
            files.Add(await scratch.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile($"File {i}")));
        }

        return (scratch, files);
    }

    [Fact]
    public async Task Queued_appends_commit_together_and_a_conflicting_caller_fails_alone()
    {
        var store = await database.OpenAsync();
        var (_, files) = await PrebuiltFilesAsync(41);
        await store.AppendAsync([new RecordAppend(files[0].Record, files[0].Head)]);

        // Another connection holds the write lock, so the writer stalls on its first group while everything else queues up.
        using var blocker = new SqliteConnection($"Data Source={database.FilePath};Pooling=False");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var commitsBefore = store.CommitCount;
        var firstInLine = store.AppendAsync([new RecordAppend(files[1].Record, files[1].Head)]).AsTask();
        await Task.Delay(200);
        var landing = files.Skip(2).Take(30).Select(f => store.AppendAsync([new RecordAppend(f.Record, f.Head)]).AsTask()).ToList();
        var stale = store.AppendAsync([new RecordAppend(files[32].Record, files[32].Head), new RecordAppend(files[0].Record, files[0].Head)]).AsTask();
        var duplicate = store.AppendAsync([new RecordAppend(files[33].Record, files[33].Head), new RecordAppend(files[33].Record, files[33].Head)]).AsTask();
        var more = files.Skip(34).Select(f => store.AppendAsync([new RecordAppend(f.Record, f.Head)]).AsTask()).ToList();
        using (var commit = blocker.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            commit.ExecuteNonQuery();
        }

        await firstInLine;
        await Task.WhenAll(landing.Concat(more));
        await FluentActions.Awaiting(() => stale).Should().ThrowAsync<FileFlowException>();
        await FluentActions.Awaiting(() => duplicate).Should().ThrowAsync<FileFlowException>();

        (store.CommitCount - commitsBefore).Should().Be(2, "the first append commits alone, then every queued caller shares one commit");
        (await store.GetHeadAsync(files[32].Head.Id)).Should().BeNull();
        (await store.GetHeadAsync(files[33].Head.Id)).Should().BeNull();
        var positions = new List<long>();
        await foreach (var record in store.ReadAllAsync())
        {
            positions.Add(record.Position);
        }

        positions.Should().Equal(Enumerable.Range(0, 1 + 1 + 30 + 7).Select(i => (long)i));
        foreach (var f in files.Skip(1).Take(31).Concat(files.Skip(34)))
        {
            (await store.GetHeadAsync(f.Head.Id)).Should().Be(f.Head);
        }
    }

    [Fact]
    public async Task Without_group_commit_every_append_is_its_own_commit()
    {
        var store = await database.OpenAsync(configure: o => o.GroupCommit = false);
        var (_, files) = await PrebuiltFilesAsync(20);
        var before = store.CommitCount;

        await Task.WhenAll(files.Select(f => store.AppendAsync([new RecordAppend(f.Record, f.Head)]).AsTask()));

        (store.CommitCount - before).Should().Be(20);
        (await store.QueryAsync(new DocumentQuery { Limit = 100 })).Items.Should().HaveCount(20);
    }

    [Fact]
    public async Task Many_concurrent_engine_actions_all_land_and_verify()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile($"Concurrent {i}"));
            return await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        })));

        results.Select(r => r.Head.Reference).Should().OnlyHaveUniqueItems();
        var inbox = await store.QueryAsync(new DocumentQuery { Holder = TestOffice.SectionOfficer, Limit = 100 });
        inbox.Items.Should().HaveCount(40);
        var report = await new FileFlow.Audit.StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        report.Records.Should().Be(80);
    }

    [Fact]
    public async Task A_cancelled_append_that_has_not_started_stores_nothing()
    {
        var store = await database.OpenAsync();
        var (_, files) = await PrebuiltFilesAsync(1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await FluentActions.Awaiting(() => store.AppendAsync([new RecordAppend(files[0].Record, files[0].Head)], cancelled.Token).AsTask())
            .Should().ThrowAsync<OperationCanceledException>();
        (await store.GetHeadAsync(files[0].Head.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Appending_after_dispose_throws_ObjectDisposedException()
    {
        var store = await database.OpenAsync();
        var (_, files) = await PrebuiltFilesAsync(1);
        await store.DisposeAsync();

        await FluentActions.Awaiting(() => store.AppendAsync([new RecordAppend(files[0].Record, files[0].Head)]).AsTask())
            .Should().ThrowAsync<ObjectDisposedException>();
    }
}
