using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Sqlite.Child;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Sqlite.Tests;

/// <summary>Several real OS processes on one SQLite file: races, and a writer killed with SIGKILL mid-way.</summary>
public sealed class SqliteMultiProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDatabase database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public void Seeded_keys_are_the_same_in_every_process()
    {
        var first = SeededOffice.KeyFor(TestOffice.Sunita);
        var second = SeededOffice.KeyFor(TestOffice.Sunita);
        var other = SeededOffice.KeyFor(TestOffice.Ramesh);

        first.PublicKeyInfo.ToArray().Should().Equal(second.PublicKeyInfo.ToArray());
        other.PublicKeyInfo.ToArray().Should().NotEqual(first.PublicKeyInfo.ToArray());
    }

    [Fact]
    public async Task Three_processes_acting_on_one_document_at_once_land_exactly_one_action()
    {
        var store = await database.OpenAsync();
        var office = SeededOffice.Create(store);
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
        await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        string[] recipients = [TestOffice.UnderSecretary.Value, TestOffice.JointSecretary.Value, TestOffice.UnderSecretary.Value];

        var children = recipients.Select(post => ChildProcess.Start("race", database.FilePath, file.Head.Id.ToString(), post)).ToList();
        try
        {
            // Every child has read the head at sequence 1 and built its record before any of them may append.
            foreach (var child in children)
            {
                (await child.ReadLineAsync(Patience)).Should().Be("READY");
            }

            foreach (var child in children)
            {
                await child.Process.StandardInput.WriteLineAsync("GO");
                await child.Process.StandardInput.FlushAsync();
            }

            var outcomes = new List<string>();
            foreach (var child in children)
            {
                outcomes.Add(await child.ReadLineAsync(Patience));
                await child.Process.WaitForExitAsync();
                child.Process.ExitCode.Should().Be(0);
            }

            outcomes.Should().ContainSingle(o => o == "LANDED");
            outcomes.Where(o => o != "LANDED").Should().HaveCount(2).And.OnlyContain(o => o == "CONFLICT 1 2");
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }

        var sequences = new List<long>();
        await foreach (var record in store.ReadStreamAsync(file.Head.Id))
        {
            sequences.Add(record.Sequence);
        }

        sequences.Should().Equal(0, 1, 2);
        var head = await store.GetHeadAsync(file.Head.Id);
        head!.Sequence.Should().Be(2);
        head.Holder.Should().BeOneOf(TestOffice.UnderSecretary, TestOffice.JointSecretary);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        report.Records.Should().Be(3);
    }

    [Fact]
    public async Task A_writer_killed_mid_way_loses_no_acknowledged_action_and_leaves_nothing_half_written()
    {
        var acknowledged = new List<Guid>();
        bool exitedBeforeKill;
        using (var child = ChildProcess.Start("bulk", database.FilePath, "4"))
        {
            while (acknowledged.Count < 300)
            {
                var line = await child.ReadLineAsync(Patience);
                line.Should().StartWith("ACK ");
                acknowledged.Add(Guid.ParseExact(line[4..], "N"));
            }

            exitedBeforeKill = child.Process.HasExited;
            child.Process.Kill(); // SIGKILL: no finally blocks, no dispose, no checkpoint
            await child.Process.WaitForExitAsync();

            // Lines already in the pipe were printed after their append returned: they are acknowledged too.
            while (await child.Process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("ACK ", StringComparison.Ordinal) && line.Length == 36)
                {
                    acknowledged.Add(Guid.ParseExact(line[4..], "N"));
                }
            }
        }

        exitedBeforeKill.Should().BeFalse("the child routes files for 20 seconds, so it must have been killed mid-way");
        var store = await database.OpenAsync();
        foreach (var action in acknowledged)
        {
            (await store.FindActionAsync(action)).Should().NotBeEmpty($"action {action} was acknowledged before the kill");
        }

        var positions = new List<long>();
        var streams = new Dictionary<DocumentId, List<long>>();
        await foreach (var record in store.ReadAllAsync())
        {
            positions.Add(record.Position);
            if (!streams.TryGetValue(record.DocumentId, out var list))
            {
                streams[record.DocumentId] = list = [];
            }

            list.Add(record.Sequence);
        }

        positions.Should().Equal(Enumerable.Range(0, positions.Count).Select(i => (long)i));
        foreach (var (id, sequence) in streams)
        {
            sequence.Should().Equal(Enumerable.Range(0, sequence.Count).Select(i => (long)i));
            (await store.GetHeadAsync(id))!.Sequence.Should().Be(sequence.Count - 1);
        }

        var office = SeededOffice.Create(store);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures.Take(5)));
        report.Records.Should().BeGreaterThanOrEqualTo(acknowledged.Count);

        // The store keeps working after the crash.
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("After the crash"));
        (await store.GetHeadAsync(file.Head.Id)).Should().Be(file.Head);
    }
}
