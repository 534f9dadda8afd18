using System.Diagnostics;
using FileFlow.Documents;
using FileFlow.Instances;
using FileFlow.Storage;
using FileFlow.StoreContract;
using Xunit.Abstractions;

namespace FileFlow.PostgreSql.Tests.Instances;

/// <summary>Two instances as two schemas of one PostgreSQL database, each with its own log and checkpoint, moving files both ways through a shared folder.</summary>
public sealed class InstanceTransferPostgreSqlTests(ITestOutputHelper output) : IAsyncLifetime
{
    // 100 files keep the run within a minute on the shared 2-core machine; the 1,000-file run is InstanceTransferSqliteTests.
    private const int Files = 100;
    private const int CrashAt = 40;

    private readonly string schemaA = PostgresServer.NewSchema();
    private readonly string schemaB = PostgresServer.NewSchema();
    private readonly string folder = Directory.CreateTempSubdirectory("fileflow-pg-transfer-").FullName;
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
            await PostgresServer.DropSchemaAsync(schemaA);
            await PostgresServer.DropSchemaAsync(schemaB);
        }

        Directory.Delete(folder, recursive: true);
    }

    [PostgresFact]
    public async Task FilesGoThereAndBack_BetweenTwoSchemas_WithADispatcherRestart_NoLossNoDuplicates_AndBothSidesVerify()
    {
        var storeA = await OpenAsync(schemaA);
        var a = TestInstance.Create("up-district-a", new CrashingOutboxStore(storeA, crashAtDelivery: CrashAt));
        var b = TestInstance.Create("up-secretariat-b", await OpenAsync(schemaB));
        var clock = Stopwatch.StartNew();

        var files = new List<DocumentId>();
        for (var i = 0; i < Files; i++)
        {
            var file = await a.Office.OpenFileAsync($"File {i} of the district office");
            await a.Transfers(folder, b).SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
            files.Add(file.Id);
        }

        output.WriteLine($"opened and sent {Files} files at A: {clock.ElapsedMilliseconds} ms");
        clock.Restart();

        // The dispatcher dies after writing a bundle, before counting it delivered.
        var crash = () => a.Transfers(folder, b).DispatchAsync();
        await crash.Should().ThrowAsync<IOException>();
        var later = a.Office.Clock.GetUtcNow().AddHours(1);
        b.Office.Clock.SetUtcNow(later);
        var firstWave = await b.Transfers(folder, a).ReceiveAsync();
        firstWave.Rejected.Should().BeEmpty();
        firstWave.Received.Should().HaveCount(CrashAt);

        // Restart: a new connection pool to the same schema and a new dispatcher; it delivers the bundle it was counting again, and the rest.
        a = TestInstance.Create("up-district-a", await OpenAsync(schemaA));
        a.Office.Clock.SetUtcNow(later);
        (await a.Transfers(folder, b).DispatchAsync()).Should().Be(Files - CrashAt + 1);
        var secondWave = await b.Transfers(folder, a).ReceiveAsync();
        secondWave.Rejected.Should().BeEmpty();
        secondWave.Received.Should().HaveCount(Files - CrashAt + 1);
        secondWave.Received.Count(r => r.AlreadyReceived).Should().Be(1);
        output.WriteLine($"dispatched (with a restart) and received {Files} files at B: {clock.ElapsedMilliseconds} ms");
        clock.Restart();

        var arrived = firstWave.Received.Concat(secondWave.Received).Where(r => !r.AlreadyReceived).Select(r => r.File).ToList();
        arrived.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(files);
        foreach (var id in files)
        {
            (await CountAsync(b.Store, id, DocumentTrigger.ReceiveFromInstance)).Should().Be(1);
        }

        // And all the way back, with a second dispatch that finds nothing left to send.
        b.Office.Tick();
        var back = b.Transfers(folder, a);
        foreach (var id in files)
        {
            await back.SendAsync(id, TestOffice.Sunita, a.Name, TestOffice.DealingAssistant);
        }

        (await back.DispatchAsync()).Should().Be(Files);
        (await back.DispatchAsync()).Should().Be(0);
        a.Office.Clock.SetUtcNow(b.Office.Clock.GetUtcNow().AddHours(1));
        var home = await a.Transfers(folder, b).ReceiveAsync();
        home.Rejected.Should().BeEmpty();
        home.Received.Select(r => r.File).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(files);
        output.WriteLine($"sent back, dispatched and received {Files} files at A: {clock.ElapsedMilliseconds} ms");
        clock.Restart();

        foreach (var id in files)
        {
            var head = await a.Store.GetHeadAsync(id);
            head!.State.Should().Be(DocumentState.Forwarded);
            head.Holder.Should().Be(TestOffice.DealingAssistant);
            head.Sequence.Should().Be(4);
            // B's receipt, carried back in the file's history, and A's own: one each.
            (await CountAsync(a.Store, id, DocumentTrigger.ReceiveFromInstance)).Should().Be(2);
        }

        var reportA = await a.Verifier(b).VerifyAllAsync(a.Store);
        var reportB = await b.Verifier(a).VerifyAllAsync(b.Store);
        reportA.Failures.Should().BeEmpty();
        reportB.Failures.Should().BeEmpty();
        reportA.Records.Should().Be(Files * 5);
        reportB.Records.Should().Be(Files * 4);
        output.WriteLine($"verified A ({reportA.Records} records) and B ({reportB.Records} records): {clock.ElapsedMilliseconds} ms");
    }

    private async Task<PostgreSqlDocumentStore> OpenAsync(string schema)
    {
        var store = await PostgresServer.OpenAsync(schema);
        stores.Add(store);
        return store;
    }

    private static async Task<int> CountAsync(IDocumentStore store, DocumentId id, DocumentTrigger trigger)
    {
        var count = 0;
        await foreach (var record in store.ReadStreamAsync(id))
        {
            count += record.Record.Trigger == trigger ? 1 : 0;
        }

        return count;
    }
}
