using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Signing;
using FileFlow.StoreContract;
using FileFlow.Storage;

namespace FileFlow.Sqlite.Tests;

/// <summary>Running the SQLite file for real: a clean close leaves the .db complete, online backups are consistent, and the probe tells health.</summary>
public sealed class SqliteOperationsTests : IAsyncLifetime
{
    private const string Origin = "fileflow-test/log";
    private static readonly SoftwareKey LogKey = SoftwareKey.Generate("log-ops", SignatureAlgorithms.Ed25519);
    private readonly TempDatabase database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Data_stayed_in_the_wal_after_a_clean_close_now_the_db_file_alone_verifies()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        foreach (var state in new[] { DocumentState.Approved, DocumentState.Rejected, DocumentState.Forwarded })
        {
            await office.FileInStateAsync(state);
        }

        var expected = await MerkleLog.ComputeTreeHeadAsync(store);
        await store.DisposeAsync();

        var wal = database.FilePath + "-wal";
        (File.Exists(wal) ? new FileInfo(wal).Length : 0).Should().Be(0, "a clean close folds the WAL into the database file");
        var copy = Path.Combine(database.Directory, "copied-alone.db");
        File.Copy(database.FilePath, copy);
        var copied = await database.OpenAsync(copy);
        (await MerkleLog.ComputeTreeHeadAsync(copied)).Should().Be(expected);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(copied);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        report.Records.Should().Be(expected.Size);
    }

    [Fact]
    public async Task BackupAsync_while_writers_run_restores_to_a_store_that_verifies_against_the_checkpoint_taken_at_backup_time()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        for (var i = 0; i < 5; i++)
        {
            await office.FileInStateAsync(DocumentState.Approved);
        }

        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var written = 0;
            while (!stop.IsCancellationRequested)
            {
                await office.FileInStateAsync(DocumentState.Approved);
                written++;
            }

            return written;
        })).ToArray();
        await Task.Delay(200);

        var checkpoint = await MerkleLog.CreateCheckpointAsync(store, Origin, LogKey.CreateSigner(), TimeProvider.System);
        var backup = Path.Combine(database.Directory, "backup.db");
        await store.BackupAsync(backup);
        await Task.Delay(200);
        await stop.CancelAsync();
        (await Task.WhenAll(writers)).Sum().Should().BePositive("writers committed while the backup ran");

        File.Exists(backup + "-wal").Should().BeFalse("a backup is one self-contained file");
        var restoredPath = Path.Combine(database.Directory, "restored.db");
        File.Copy(backup, restoredPath);
        var restored = await database.OpenAsync(restoredPath);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(restored);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        var head = await new LogVerifier(new CheckpointVerifier().Register(Origin, LogKey)).VerifyStoreAsync(restored, checkpoint);
        head.Size.Should().BeGreaterThanOrEqualTo(checkpoint.Checkpoint.TreeSize);
        (await MerkleLog.ComputeTreeHeadAsync(store, head.Size)).Should().Be(head, "the backup is a prefix of the live log");
        (await MerkleLog.ComputeTreeHeadAsync(store)).Size.Should().BeGreaterThan(head.Size, "the live store went on after the backup");
    }

    [Fact]
    public async Task BackupAsync_onto_an_existing_file_throws_and_leaves_it_alone()
    {
        var store = await database.OpenAsync();
        await TestOffice.Create(store).FileInStateAsync(DocumentState.Approved);
        var existing = Path.Combine(database.Directory, "existing.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var act = () => store.BackupAsync(existing);

        (await act.Should().ThrowAsync<IOException>()).Which.Message.Should().Contain("already exists");
        (await File.ReadAllTextAsync(existing)).Should().Be("keep me");
        Directory.GetFiles(database.Directory, "existing.db.partial-*").Should().BeEmpty();
        await store.Invoking(s => s.BackupAsync(database.FilePath)).Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task ProbeAsync_reports_version_records_and_a_live_writer_and_throws_once_closed()
    {
        var store = await database.OpenAsync();
        await TestOffice.Create(store).FileInStateAsync(DocumentState.Approved);

        var health = await store.ProbeAsync();

        health.SchemaVersion.Should().Be(SqliteDocumentStore.SchemaVersion);
        health.WriterAlive.Should().BeTrue();
        health.Records.Should().Be((await MerkleLog.ComputeTreeHeadAsync(store)).Size);
        await store.DisposeAsync();
        var act = async () => await store.ProbeAsync();
        await act.Should().ThrowAsync<ObjectDisposedException>("a closed store is not healthy");
    }
}
