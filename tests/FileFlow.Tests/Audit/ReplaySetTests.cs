using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Audit;

public sealed class ReplaySetTests
{
    [Fact]
    public async Task Apply_HeadsOfManyDocuments_ShareOneStringPerId_AndEqualTheStoredHeads()
    {
        var office = TestOffice.Create();
        var first = await office.OpenFileAsync();
        var second = await office.OpenFileAsync();
        await office.FireAsync(first.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.FireAsync(second.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var set = new ReplaySet(policy: null);
        await foreach (var record in office.Store.ReadAllAsync(0))
        {
            set.Apply(record, SignatureCheck.Valid);
        }

        var a = set.HeadOf(first.Id)!;
        var b = set.HeadOf(second.Id)!;

        a.Should().Be(await office.Store.GetHeadAsync(first.Id));
        b.Should().Be(await office.Store.GetHeadAsync(second.Id));
        ReferenceEquals(a.Holder.Value, b.Holder.Value).Should().BeTrue("both files are held by the same post");
        ReferenceEquals(a.LastActor.Value, b.LastActor.Value).Should().BeTrue("the same officer acted last on both");
        ReferenceEquals(a.Creator.Value, b.Creator.Value).Should().BeTrue("the same officer opened both");
    }
}
