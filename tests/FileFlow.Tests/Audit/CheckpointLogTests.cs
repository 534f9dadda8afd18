using FileFlow.Audit;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit;

/// <summary>Issue 15: checkpoints are kept append-only; each new one must extend the latest by a Merkle consistency proof, and a rollback or fork is refused.</summary>
public sealed class CheckpointLogTests : IDisposable
{
    private readonly string directory = CheckpointHistory.NewDirectory();
    private readonly CheckpointHistory history = new(20);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private CheckpointLog Log() => new(directory, CheckpointHistory.Verifier());

    [Fact]
    public async Task AppendAsync_ConsistentCheckpoints_AppendsEachAsANewEntryWithItsProof()
    {
        var log = Log();
        var first = await history.SignAsync(5);
        var second = await history.SignAsync(13);

        var firstPath = await log.AppendAsync(first, null);
        var secondPath = await log.AppendAsync(second, history.Proof(5, 13));

        Path.GetFileName(firstPath).Should().Be("00000001.checkpoint.txt");
        Path.GetFileName(secondPath).Should().Be("00000002.checkpoint.txt");
        File.ReadAllText(firstPath).Should().Be(first.ToText());
        ConsistencyProof.Parse(File.ReadAllText(Path.Combine(directory, "00000002.consistency.txt"))).Should().Be(history.Proof(5, 13));
        log.Count.Should().Be(2);
        log.Latest()!.ToText().Should().Be(second.ToText());
        new CheckpointLog(directory, CheckpointHistory.Verifier()).Verify()!.ToText().Should().Be(second.ToText());
    }

    [Fact]
    public async Task AppendAsync_SmallerCheckpoint_IsRefusedAsARollbackAndNothingIsWritten()
    {
        var log = Log();
        await log.AppendAsync(await history.SignAsync(13), null);
        var before = Directory.GetFiles(directory).Order().Select(File.ReadAllText).ToList();

        var rollback = await history.SignAsync(5);
        var act = () => log.AppendAsync(rollback, new ConsistencyProof(13, 13, []));

        (await act.Should().ThrowAsync<LogRollbackDetectedException>()).Which.Should().Match<LogRollbackDetectedException>(e => e.ExpectedSize == 13 && e.ActualSize == 5);
        Directory.GetFiles(directory).Order().Select(File.ReadAllText).Should().Equal(before);
    }

    [Fact]
    public async Task AppendAsync_ForkedLogSignedWithTheSameLogKey_IsRefusedAsInconsistent()
    {
        var log = Log();
        await log.AppendAsync(await history.SignAsync(8), null);
        // The log key's holder re-makes history: record 3 left out, the rest re-appended, and a checkpoint of the result signed.
        var forked = new CheckpointHistory(0);
        forked.Leaves.AddRange(history.Leaves.Where((_, i) => i != 3));
        var fork = await forked.SignAsync(16);

        var act = () => log.AppendAsync(fork, forked.Proof(8, 16));

        await act.Should().ThrowAsync<LogConsistencyException>();
        log.Count.Should().Be(1);
    }

    [Fact]
    public async Task AppendAsync_SameSizeWithAnotherRoot_IsRefusedAsInconsistent()
    {
        var log = Log();
        await log.AppendAsync(await history.SignAsync(8), null);
        var other = await new CheckpointHistory(8, "other").SignAsync(8);

        var act = () => log.AppendAsync(other, new ConsistencyProof(8, 8, []));

        await act.Should().ThrowAsync<LogConsistencyException>();
    }

    [Fact]
    public async Task AppendAsync_CheckpointSignedByAnotherCertificateThanTheLogs_IsRefusedAndNothingIsWritten()
    {
        var forged = await new Checkpoint(CheckpointHistory.Origin, 5, MerkleTree.ComputeRoot(history.Leaves, 5), CheckpointHistory.Start).SignAsync(DevPki.ExportService.CreateSigner());

        var act = () => Log().AppendAsync(forged, null);

        (await act.Should().ThrowAsync<CheckpointSignatureException>()).Which.Check.Failure.Should().Be(SignatureFailure.UnknownKey);
        Directory.GetFiles(directory).Should().BeEmpty();
    }

    [Fact]
    public async Task AppendAsync_WithoutAProofAfterTheFirst_IsRefused()
    {
        var log = Log();
        await log.AppendAsync(await history.SignAsync(5), null);
        var next = await history.SignAsync(9);

        var act = () => log.AppendAsync(next, null);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("*consistency proof*");
    }

    [Fact]
    public async Task Verify_AnEntryReplacedOnDisk_FailsNamingTheBrokenLink()
    {
        var log = Log();
        await log.AppendAsync(await history.SignAsync(5), null);
        await log.AppendAsync(await history.SignAsync(9), history.Proof(5, 9));
        await log.AppendAsync(await history.SignAsync(20), history.Proof(9, 20));
        // Someone with the log key replaces entry 2 with a checkpoint of another history of the same size.
        File.WriteAllText(Path.Combine(directory, "00000002.checkpoint.txt"), (await new CheckpointHistory(9, "other").SignAsync(9)).ToText());

        var act = () => log.Verify();

        act.Should().Throw<LogConsistencyException>();
    }

    [Fact]
    public async Task Verify_AnEntryRemoved_FailsSayingSo()
    {
        var log = Log();
        await log.AppendAsync(await history.SignAsync(5), null);
        await log.AppendAsync(await history.SignAsync(9), history.Proof(5, 9));
        File.Delete(Path.Combine(directory, "00000001.checkpoint.txt"));

        var act = () => log.Verify();

        act.Should().Throw<LogFormatException>().WithMessage("*no entry 1*");
    }

    [Fact]
    public void Verify_EmptyLog_ReturnsNull() => Log().Verify().Should().BeNull();
}
