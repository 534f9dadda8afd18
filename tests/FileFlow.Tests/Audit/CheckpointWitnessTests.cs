using FileFlow.Audit;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Tests.Signing;
using Microsoft.Extensions.Time.Testing;

namespace FileFlow.Tests.Audit;

/// <summary>Issue 15: a witness countersigns a checkpoint only when it extends the last one it witnessed (its own state), so whoever holds the log key cannot
/// get a rollback or a fork witnessed; verification accepts only cosignatures by a Witness-role certificate.</summary>
public sealed class CheckpointWitnessTests : IDisposable
{
    private readonly string state = CheckpointHistory.NewDirectory();
    private readonly CheckpointHistory history = new(30);
    private readonly FakeTimeProvider clock = new(CheckpointHistory.Start.AddDays(1));

    public void Dispose() => Directory.Delete(state, recursive: true);

    private CheckpointWitness Witness(OfficerCredential? credential = null) =>
        new((credential ?? CheckpointHistory.Witness).CreateSigner(), state, CheckpointHistory.Verifier(), clock);

    private static WitnessVerifier Verifier(string? pinned = null) => new(CheckpointHistory.Trust(), pinned);

    [Fact]
    public async Task WitnessAsync_FirstAndConsistentLaterCheckpoints_AreCountersignedAndVerify()
    {
        var first = await Witness().WitnessAsync(await history.SignAsync(10), null);
        clock.Advance(TimeSpan.FromHours(1));
        var later = await Witness().WitnessAsync(await history.SignAsync(25), history.Proof(10, 25));

        Verifier(CheckpointHistory.Witness.KeyId).Verify(first).Should().Be(SignatureCheck.Valid);
        Verifier().Verify(later).Should().Be(SignatureCheck.Valid);
        later.Cosignatures.Should().ContainSingle().Which.WitnessedAt.Should().Be(clock.GetUtcNow());
        Witness().LastWitnessed(CheckpointHistory.Origin)!.Checkpoint.TreeSize.Should().Be(25);
    }

    [Fact]
    public async Task Parse_TextForm_RoundTripsAndStillVerifies()
    {
        var witnessed = await Witness().WitnessAsync(await history.SignAsync(7), null);

        var parsed = WitnessedCheckpoint.Parse(witnessed.ToText());

        parsed.ToText().Should().Be(witnessed.ToText());
        parsed.Checkpoint.ToText().Should().Be(witnessed.Checkpoint.ToText());
        Verifier().VerifyOrThrow(parsed).Checkpoint.TreeSize.Should().Be(7);
        WitnessedCheckpoint.Parse(witnessed.Checkpoint.ToText()).Cosignatures.Should().BeEmpty();
    }

    [Fact]
    public async Task WitnessAsync_RollbackSignedWithTheGenuineLogKey_IsRefusedAndTheStateIsKept()
    {
        await Witness().WitnessAsync(await history.SignAsync(20), null);
        var rollback = await history.SignAsync(12);

        var act = () => Witness().WitnessAsync(rollback, new ConsistencyProof(12, 20, history.Proof(12, 20).Path));

        await act.Should().ThrowAsync<LogRollbackDetectedException>();
        Witness().LastWitnessed(CheckpointHistory.Origin)!.Checkpoint.TreeSize.Should().Be(20);
    }

    [Fact]
    public async Task WitnessAsync_ForkWithANotingDeletedAndReSignedWithTheLogKey_IsRefused()
    {
        await Witness().WitnessAsync(await history.SignAsync(20), null);
        var forked = new CheckpointHistory(0);
        forked.Leaves.AddRange(history.Leaves.Where((_, i) => i is not (4 or 9 or 17)));
        forked.Leaves.AddRange(Enumerable.Range(0, 8).Select(i => MerkleHasher.LeafHash(System.Text.Encoding.ASCII.GetBytes($"later {i}"))));

        var fork = await forked.SignAsync(29);

        var act = () => Witness().WitnessAsync(fork, forked.Proof(20, 29));

        await act.Should().ThrowAsync<LogConsistencyException>();
        Witness().LastWitnessed(CheckpointHistory.Origin)!.ToText().Should().Be((await history.SignAsync(20)).ToText());
    }

    [Fact]
    public async Task WitnessAsync_ProofForOtherSizes_IsRefused()
    {
        await Witness().WitnessAsync(await history.SignAsync(10), null);
        var later = await history.SignAsync(25);

        var act = () => Witness().WitnessAsync(later, history.Proof(9, 25));

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Verify_CosignatureByTheLogCertificate_FailsNamingTheWitnessRole()
    {
        // The log key's holder countersigns their own checkpoint.
        var own = await Witness(CheckpointHistory.Log).WitnessAsync(await history.SignAsync(10), null);

        var check = Verifier().Verify(own);

        check.Failure.Should().Be(SignatureFailure.WrongRole);
        check.Reason.Should().Contain("Witness role");
        FluentActions.Invoking(() => Verifier().VerifyOrThrow(own)).Should().Throw<WitnessSignatureException>();
    }

    [Fact]
    public async Task Verify_CosignatureMovedOntoAnotherCheckpoint_FailsAsInvalid()
    {
        var witnessed = await Witness().WitnessAsync(await history.SignAsync(10), null);
        var other = new WitnessedCheckpoint(await new CheckpointHistory(10, "other").SignAsync(10), witnessed.Cosignatures);

        Verifier().Verify(other).IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task Verify_AnotherWitnessThanThePinnedOne_FailsAsUnknownKey()
    {
        var otherWitness = DevPki.Service(ServiceRole.Witness, new OfficerId("fileflow-witness-2"));
        var witnessed = await Witness(otherWitness).WitnessAsync(await history.SignAsync(10), null);

        Verifier().Verify(witnessed).Should().Be(SignatureCheck.Valid);
        Verifier(CheckpointHistory.Witness.KeyId).Verify(witnessed).Failure.Should().Be(SignatureFailure.UnknownKey);
    }

    [Fact]
    public async Task Verify_NoCosignature_FailsSayingSo()
    {
        var bare = new WitnessedCheckpoint(await history.SignAsync(10), []);

        Verifier().Verify(bare).Reason.Should().Contain("no witness's cosignature");
    }

    [Fact]
    public async Task Parse_BadCosignatureLine_ThrowsLogFormatException()
    {
        var text = (await history.SignAsync(3)).ToText() + "cosignature only-two-fields 12\n";

        FluentActions.Invoking(() => WitnessedCheckpoint.Parse(text)).Should().Throw<LogFormatException>().WithMessage("*cosignature <key id>*");
    }
}
