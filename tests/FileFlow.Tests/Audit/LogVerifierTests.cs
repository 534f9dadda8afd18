using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Audit;

public sealed class LogVerifierTests
{
    private const string Origin = "health-dte.example.gov.in/fileflow";
    private static readonly SoftwareKey LogKey = SoftwareKey.Generate("log-key", SignatureAlgorithms.Ed25519);

    private readonly LogVerifier verifier = new(new CheckpointVerifier().Register(Origin, LogKey));

    [Fact]
    public async Task VerifyStoreAsync_UntouchedStore_ReproducesCheckpointAndLaterCheckpointIsConsistent()
    {
        var log = await SignedLog.CreateAsync();

        (await verifier.VerifyStoreAsync(log.Store, log.First)).Should().Be(log.Second.Checkpoint.Head);
        (await verifier.VerifyStoreAsync(log.Store, log.Second)).Should().Be(log.Second.Checkpoint.Head);
        await verifier.VerifyConsistencyAsync(log.Store, log.First, log.Second);

        // Offline: the proof travels as text, and the checkpoints as text kept elsewhere.
        var proof = await MerkleLog.CreateConsistencyProofAsync(log.Store, log.First.Checkpoint.TreeSize, log.Second.Checkpoint.TreeSize);
        var leaves = await MerkleLog.ReadLeafHashesAsync(log.Store);
        proof.Should().Be(MerkleTree.CreateConsistencyProof(leaves, log.First.Checkpoint.TreeSize, log.Second.Checkpoint.TreeSize));
        proof.Path.Should().NotBeEmpty();
        var act = () => verifier.VerifyConsistency(SignedCheckpoint.Parse(log.First.ToText()), SignedCheckpoint.Parse(log.Second.ToText()), ConsistencyProof.Parse(proof.ToText()));
        act.Should().NotThrow();
    }

    [Fact]
    public async Task VerifyConsistency_LaterCheckpointOfForkedLog_ThrowsLogConsistencyException()
    {
        var log = await SignedLog.CreateAsync();
        var forked = TamperingStore.WithRewrittenRecord(log.Store, 0);
        var forkedCheckpoint = await MerkleLog.CreateCheckpointAsync(forked, Origin, LogKey.CreateSigner(), log.Office.Clock);
        var proof = await MerkleLog.CreateConsistencyProofAsync(forked, log.First.Checkpoint.TreeSize, forkedCheckpoint.Checkpoint.TreeSize);

        forkedCheckpoint.Checkpoint.TreeSize.Should().Be(log.Second.Checkpoint.TreeSize);
        var act = () => verifier.VerifyConsistency(log.First, forkedCheckpoint, proof);
        act.Should().Throw<LogConsistencyException>().Which.Earlier.Should().Be(log.First.Checkpoint.Head);
        await FluentActions.Awaiting(() => verifier.VerifyConsistencyAsync(forked, log.First, log.Second)).Should().ThrowAsync<LogConsistencyException>();
    }

    [Fact]
    public async Task VerifyStoreAsync_DocumentHiddenLeavingPositionGap_ThrowsLogPositionGapException()
    {
        var log = await SignedLog.CreateAsync();
        var tampered = TamperingStore.WithoutDocument(log.Store, log.FirstDocument, renumber: false);

        var act = () => verifier.VerifyStoreAsync(tampered, log.First);
        (await act.Should().ThrowAsync<LogPositionGapException>()).Which.ExpectedPosition.Should().Be(0);
    }

    [Fact]
    public async Task VerifyStoreAsync_DocumentDeletedAndLogRenumbered_ThrowsLogRootMismatchException()
    {
        var log = await SignedLog.CreateAsync();
        var tampered = TamperingStore.WithoutDocument(log.Store, log.FirstDocument, renumber: true);
        var remaining = (await MerkleLog.ComputeTreeHeadAsync(tampered)).Size;

        remaining.Should().BeGreaterThanOrEqualTo(log.First.Checkpoint.TreeSize, "the log grew past the first checkpoint, so only the root can tell");
        var act = () => verifier.VerifyStoreAsync(tampered, log.First);
        var thrown = (await act.Should().ThrowAsync<LogRootMismatchException>()).Which;
        thrown.TreeSize.Should().Be(log.First.Checkpoint.TreeSize);
        thrown.ExpectedRoot.Should().Be(log.First.Checkpoint.RootHash);
    }

    [Fact]
    public async Task VerifyStoreAsync_DocumentDeletedFromStoreCopy_IsDetectedAgainstLatestCheckpoint()
    {
        var log = await SignedLog.CreateAsync();
        var copy = TamperingStore.WithoutDocument(log.Store, log.LastDocument, renumber: true);

        var act = () => verifier.VerifyStoreAsync(copy, log.Second);
        (await act.Should().ThrowAsync<LogRollbackDetectedException>()).Which.ExpectedSize.Should().Be(log.Second.Checkpoint.TreeSize);

        // The earlier checkpoint predates that document, so it still holds: the tamper shows only against a checkpoint that covers it.
        await FluentActions.Awaiting(() => verifier.VerifyStoreAsync(copy, log.First)).Should().NotThrowAsync();
    }

    [Fact]
    public async Task VerifyStoreAsync_RewrittenRecord_ThrowsLogRootMismatchException()
    {
        var log = await SignedLog.CreateAsync();
        var tampered = TamperingStore.WithRewrittenRecord(log.Store, 1);

        var act = () => verifier.VerifyStoreAsync(tampered, log.First);
        var thrown = (await act.Should().ThrowAsync<LogRootMismatchException>()).Which;
        thrown.ActualRoot.Should().NotBe(thrown.ExpectedRoot);
        await FluentActions.Awaiting(() => verifier.VerifyStoreAsync(tampered, log.Second)).Should().ThrowAsync<LogRootMismatchException>();
    }

    [Fact]
    public async Task VerifyStoreAsync_RecordRewrittenAfterCheckpoint_PassesOldCheckpointButFailsNewOne()
    {
        var log = await SignedLog.CreateAsync();
        var tampered = TamperingStore.WithRewrittenRecord(log.Store, log.First.Checkpoint.TreeSize);

        await FluentActions.Awaiting(() => verifier.VerifyStoreAsync(tampered, log.First)).Should().NotThrowAsync();
        await FluentActions.Awaiting(() => verifier.VerifyStoreAsync(tampered, log.Second)).Should().ThrowAsync<LogRootMismatchException>();
    }

    [Fact]
    public async Task VerifyStoreAsync_StoreRolledBack_ThrowsLogRollbackDetectedException()
    {
        var log = await SignedLog.CreateAsync();
        var k = (int)log.First.Checkpoint.TreeSize - 2;
        var rolledBack = TamperingStore.RolledBackTo(log.Store, k);

        var act = () => verifier.VerifyStoreAsync(rolledBack, log.First);
        var thrown = (await act.Should().ThrowAsync<LogRollbackDetectedException>()).Which;
        thrown.ExpectedSize.Should().Be(log.First.Checkpoint.TreeSize);
        thrown.ActualSize.Should().Be(k);

        // A checkpoint the rolled-back store would sign now is smaller than the one kept elsewhere.
        var now = await MerkleLog.CreateCheckpointAsync(rolledBack, Origin, LogKey.CreateSigner(), log.Office.Clock);
        var proof = new ConsistencyProof(now.Checkpoint.TreeSize, now.Checkpoint.TreeSize, []);
        ((Action)(() => verifier.VerifyConsistency(log.First, now, proof))).Should().Throw<LogRollbackDetectedException>();
        await FluentActions.Awaiting(() => MerkleLog.CreateInclusionProofAsync(rolledBack, 0, log.First.Checkpoint.TreeSize)).Should().ThrowAsync<LogRollbackDetectedException>();
    }

    [Fact]
    public async Task VerifyInclusion_RecordProofAgainstCheckpoint_VerifiesOnlyForThatRecord()
    {
        var log = await SignedLog.CreateAsync();
        var records = new List<SignedRecord>();
        await foreach (var record in log.Store.ReadAllAsync())
        {
            records.Add(record);
        }

        var size = log.First.Checkpoint.TreeSize;
        var leaves = await MerkleLog.ReadLeafHashesAsync(log.Store);
        for (var position = 0; position < size; position++)
        {
            var proof = await MerkleLog.CreateInclusionProofAsync(log.Store, position, size);
            proof.Should().Be(MerkleTree.CreateInclusionProof(leaves, position, size));

            var kept = InclusionProof.Parse(proof.ToText());
            var checkpoint = SignedCheckpoint.Parse(log.First.ToText());
            ((Action)(() => verifier.VerifyInclusion(checkpoint, records[position], kept))).Should().NotThrow();

            var other = records[(position + 1) % (int)size];
            ((Action)(() => verifier.VerifyInclusion(checkpoint, other, kept))).Should().Throw<InclusionProofException>();
            ((Action)(() => verifier.VerifyInclusion(checkpoint, MerkleHasher.LeafHash(other), kept))).Should().Throw<InclusionProofException>();
            ((Action)(() => verifier.VerifyInclusion(log.Second, records[position], kept))).Should().Throw<InclusionProofException>();
        }
    }

    [Fact]
    public async Task VerifyStoreAsync_CheckpointNotSignedByTrustedKey_ThrowsCheckpointSignatureException()
    {
        var log = await SignedLog.CreateAsync();
        var impostor = SoftwareKey.Generate("log-key", SignatureAlgorithms.Ed25519);
        var forged = await log.First.Checkpoint.SignAsync(impostor.CreateSigner());

        var act = () => verifier.VerifyStoreAsync(log.Store, forged);
        (await act.Should().ThrowAsync<CheckpointSignatureException>()).Which.Check.Failure.Should().Be(SignatureFailure.Invalid);
    }

    [Fact]
    public async Task VerifyStoreAsync_SeveralCheckpointsInOnePass_ChecksEachAndReturnsTheStoreHead()
    {
        var log = await SignedLog.CreateAsync();

        (await verifier.VerifyStoreAsync(log.Store, [log.Second, log.First])).Should().Be(log.Second.Checkpoint.Head);

        var forked = TamperingStore.WithRewrittenRecord(log.Store, 1);
        var act = () => verifier.VerifyStoreAsync(forked, [log.First, log.Second]);
        (await act.Should().ThrowAsync<LogRootMismatchException>()).Which.Message.Should().Contain(log.First.Checkpoint.TreeSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await FluentActions.Awaiting(() => verifier.VerifyStoreAsync(log.Store, Array.Empty<SignedCheckpoint>())).Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task CheckpointLogAndWitness_ProofsFromARealStore_AcceptItsGrowthAndRefuseARewrittenStore()
    {
        var log = await SignedLog.CreateAsync();
        var directory = Directory.CreateTempSubdirectory("fileflow-log-store-").FullName;
        try
        {
            var checkpoints = new CheckpointLog(Path.Combine(directory, "log"), verifier);
            var witness = new CheckpointWitness(LogKey.CreateSigner(), Path.Combine(directory, "witness"), verifier, log.Office.Clock);
            await checkpoints.AppendAsync(log.Store, log.First);
            await witness.WitnessAsync(log.Store, log.First);
            await checkpoints.AppendAsync(log.Store, log.Second);
            await witness.WitnessAsync(log.Store, log.Second);

            var forked = TamperingStore.WithRewrittenRecord(log.Store, 0);
            var forkedCheckpoint = await MerkleLog.CreateCheckpointAsync(forked, Origin, LogKey.CreateSigner(), log.Office.Clock);

            await FluentActions.Awaiting(() => checkpoints.AppendAsync(forked, forkedCheckpoint)).Should().ThrowAsync<LogConsistencyException>();
            await FluentActions.Awaiting(() => witness.WitnessAsync(forked, forkedCheckpoint)).Should().ThrowAsync<LogConsistencyException>();
            checkpoints.Verify()!.ToText().Should().Be(log.Second.ToText());
            witness.LastWitnessed(Origin)!.ToText().Should().Be(log.Second.ToText());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task CheckpointWithHeads_CommitsToEachDocumentsLastRecord_AndTheStoreReproducesIt()
    {
        var log = await SignedLog.CreateAsync();
        var signed = await MerkleLog.CreateCheckpointWithHeadsAsync(log.Store, Origin, LogKey.CreateSigner(), log.Office.Clock);

        var parsed = SignedCheckpoint.Parse(signed.ToText());
        parsed.Checkpoint.Should().Be(signed.Checkpoint);
        signed.ToText().Should().StartWith(Checkpoint.HeadsHeader + "\n");
        WitnessedCheckpoint.Parse(signed.ToText()).Checkpoint.Checkpoint.Heads.Should().Be(signed.Checkpoint.Heads);
        (await verifier.VerifyStoreAsync(log.Store, parsed)).Size.Should().Be(signed.Checkpoint.TreeSize);

        var heads = await DocumentHeads.ComputeAsync(log.Store, signed.Checkpoint.TreeSize);
        heads.Head().Should().Be(signed.Checkpoint.Heads!.Value);
        var head = await log.Store.GetHeadAsync(log.LastDocument);
        var (sequence, hash, proof) = heads.Prove(log.LastDocument)!.Value;
        sequence.Should().Be(head!.Sequence);
        proof.Verify(MerkleHasher.LeafHash(DocumentHeads.Leaf(log.LastDocument, sequence, hash)), signed.Checkpoint.Heads!.Value.RootHash).Should().BeTrue();
        proof.Verify(MerkleHasher.LeafHash(DocumentHeads.Leaf(log.LastDocument, sequence - 1, hash)), signed.Checkpoint.Heads!.Value.RootHash).Should().BeFalse();
    }

    [Fact]
    public async Task VerifyStoreAsync_CheckpointWithMadeUpHeads_ThrowsLogHeadsMismatchException()
    {
        var log = await SignedLog.CreateAsync();
        var genuine = (await MerkleLog.CreateCheckpointWithHeadsAsync(log.Store, Origin, LogKey.CreateSigner(), log.Office.Clock)).Checkpoint;
        // The log key's holder keeps the log's root but states heads without a document's last record.
        var heads = new DocumentHeads();
        await foreach (var record in log.Store.ReadAllAsync(0))
        {
            if (record.Position < genuine.TreeSize - 1)
            {
                heads.Append(record);
            }
        }

        var madeUp = await new Checkpoint(Origin, genuine.TreeSize, genuine.RootHash, heads.Head(), genuine.Timestamp).SignAsync(LogKey.CreateSigner());

        var act = () => verifier.VerifyStoreAsync(log.Store, madeUp);

        (await act.Should().ThrowAsync<LogHeadsMismatchException>()).Which.Committed.Should().Be(heads.Head());
    }

    /// <summary>A store with real signed records and two signed checkpoints: one after two files, one after two more.</summary>
    private sealed record SignedLog(TestOffice Office, SignedCheckpoint First, SignedCheckpoint Second, DocumentId FirstDocument, DocumentId LastDocument)
    {
        public IDocumentStore Store => Office.Store;

        public static async Task<SignedLog> CreateAsync()
        {
            var office = TestOffice.Create();
            var signer = LogKey.CreateSigner();
            var first = await office.FileInStateAsync(DocumentState.Approved);
            await office.FileInStateAsync(DocumentState.Returned);
            var checkpoint1 = await MerkleLog.CreateCheckpointAsync(office.Store, Origin, signer, office.Clock);
            await office.FileInStateAsync(DocumentState.Rejected);
            var last = await office.FileInStateAsync(DocumentState.Approved);
            var checkpoint2 = await MerkleLog.CreateCheckpointAsync(office.Store, Origin, signer, office.Clock);
            checkpoint1.Checkpoint.TreeSize.Should().BeGreaterThan(3);
            checkpoint2.Checkpoint.TreeSize.Should().BeGreaterThan(checkpoint1.Checkpoint.TreeSize);
            return new SignedLog(office, checkpoint1, checkpoint2, first.Id, last.Id);
        }
    }
}
