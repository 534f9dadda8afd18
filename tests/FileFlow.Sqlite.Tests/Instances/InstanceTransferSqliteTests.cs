using System.Diagnostics;
using FileFlow.Documents;
using FileFlow.Instances;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;
using Xunit.Abstractions;

namespace FileFlow.Sqlite.Tests.Instances;

public sealed class InstanceTransferSqliteTests(ITestOutputHelper output)
{
    private const int Files = 1000;

    [Fact]
    public async Task AThousandFiles_ThereAndBack_WithADispatcherRestart_NoLossNoDuplicates_AndBothSidesVerify()
    {
        await using var db = new TempDatabase();
        var folder = Path.Combine(db.Directory, "shared");
        var pathA = db.NewPath();
        var storeA = await db.OpenAsync(pathA);
        var crashing = new CrashingOutboxStore(storeA, crashAtDelivery: 400);
        var a = TestInstance.Create("up-district-a", crashing);
        var b = TestInstance.Create("up-secretariat-b", await db.OpenAsync(db.NewPath()));
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

        // The dispatcher dies after writing the 400th bundle, before counting it delivered.
        var crash = () => a.Transfers(folder, b).DispatchAsync();
        await crash.Should().ThrowAsync<IOException>();
        var later = a.Office.Clock.GetUtcNow().AddHours(1);
        b.Office.Clock.SetUtcNow(later);
        var firstWave = await b.Transfers(folder, a).ReceiveAsync();
        firstWave.Rejected.Should().BeEmpty();
        firstWave.Received.Should().HaveCount(400);

        // Restart: the store is closed and opened again, the dispatcher built anew; it delivers the 400th again and the rest.
        await storeA.DisposeAsync();
        a = TestInstance.Create("up-district-a", await db.OpenAsync(pathA));
        a.Office.Clock.SetUtcNow(later);
        (await a.Transfers(folder, b).DispatchAsync()).Should().Be(Files - 400 + 1);
        var secondWave = await b.Transfers(folder, a).ReceiveAsync();
        secondWave.Rejected.Should().BeEmpty();
        secondWave.Received.Should().HaveCount(Files - 400 + 1);
        secondWave.Received.Count(r => r.AlreadyReceived).Should().Be(1);
        output.WriteLine($"dispatched (with a restart) and received {Files} files at B: {clock.ElapsedMilliseconds} ms");
        clock.Restart();

        var arrived = firstWave.Received.Concat(secondWave.Received).Where(r => !r.AlreadyReceived).Select(r => r.File).ToList();
        arrived.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(files);
        foreach (var id in files)
        {
            (await CountAsync(b.Store, id, DocumentTrigger.ReceiveFromInstance)).Should().Be(1);
        }

        // And all the way back.
        b.Office.Tick();
        foreach (var id in files)
        {
            await b.Transfers(folder, a).SendAsync(id, TestOffice.Sunita, a.Name, TestOffice.DealingAssistant);
        }

        (await b.Transfers(folder, a).DispatchAsync()).Should().Be(Files);
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
        }

        var reportA = await a.Verifier(b).VerifyAllAsync(a.Store);
        var reportB = await b.Verifier(a).VerifyAllAsync(b.Store);
        reportA.Failures.Should().BeEmpty();
        reportB.Failures.Should().BeEmpty();
        reportA.Records.Should().Be(Files * 5);
        reportB.Records.Should().Be(Files * 4);
        output.WriteLine($"verified A ({reportA.Records} records) and B ({reportB.Records} records): {clock.ElapsedMilliseconds} ms");
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
