using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Audit;

/// <summary>The whole-store check reads, checks signatures and replays in overlapping chunks of 4,096 records; what it reports does not depend on that.</summary>
public sealed class StoreVerifierPipelineTests
{
    [Fact]
    public async Task VerifyAllAsync_FailuresInSeveralChunks_ReportsEachOnceInLogOrder_AndCountsEveryRecord()
    {
        var office = TestOffice.Create();
        var files = new List<DocumentId>();
        for (var i = 0; i < 2300; i++)
        {
            var file = await office.OpenFileAsync();
            await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
            await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
            await office.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Arvind);
            files.Add(file.Id);
        }

        var all = new List<SignedRecord>();
        await foreach (var r in office.Store.ReadAllAsync(0))
        {
            all.Add(r);
        }

        all.Count.Should().BeGreaterThan(2 * 4096, "the records span three chunks and more");
        var badSignature = all[100];
        var dropped = all[5000];
        var badLater = all[9000];
        var signature = (byte[])badSignature.Signature.Value.Clone();
        signature[^1] ^= 0x01;
        var later = (byte[])badLater.Signature.Value.Clone();
        later[^1] ^= 0x01;
        var store = new TamperingStore(office.Store)
        {
            Rewrite = r => r.Position == dropped.Position ? null
                : r.Position == badSignature.Position ? TamperingStore.WithSignature(r, signature)
                : r.Position == badLater.Position ? TamperingStore.WithSignature(r, later)
                : r,
        };

        var report = await new StoreVerifier(office.Keys, office.Chart, maxDegreeOfParallelism: 2).VerifyAllAsync(store);

        report.Records.Should().Be(all.Count - 1);
        report.Failures.Select(f => (f.DocumentId, f.Sequence, f.Kind)).Should().Equal(
            (all[5001].DocumentId, all[5001].Sequence, VerificationFailureKind.Missing),
            (badSignature.DocumentId, badSignature.Sequence, VerificationFailureKind.BadSignature),
            (dropped.DocumentId, dropped.Sequence + 1, VerificationFailureKind.SequenceGap),
            (badLater.DocumentId, badLater.Sequence, VerificationFailureKind.BadSignature));
    }
}
