using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Services;

/// <summary>Regression: a pension file overdue while with the head of department (its competent authority and its first appellate officer) made EscalateOverdueAsync throw "cannot send the document to itself" and abort the sweep;
/// then it "escalated" to the same post (issue 14, defect 2). The appellate chain is strictly above the post in default: it goes to the second appellate authority.</summary>
public sealed class EscalationAtAppellatePostTests
{
    [Fact]
    public async Task EscalateOverdue_FileAlreadyWithFirstAppellatePost_GoesToTheSecondAppellateAuthority()
    {
        var office = TestOffice.WithServices();
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "PEN", "Pension case")
        {
            ServiceId = "pension",
            Inputs = ServiceSamples.Inputs["pension"],
        });
        var id = file.Head.Id;
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Sunita);
        var atHod = await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Arvind);
        atHod.Holder.Should().Be(TestOffice.JointSecretary);

        office.Clock.Advance(TimeSpan.FromDays(61));
        var escalated = await office.Engine.EscalateOverdueAsync();

        escalated.Should().ContainSingle();
        escalated[0].Head.Holder.Should().Be(TestOffice.Secretary, "the first appellate officer is the post in default itself");
        escalated[0].Head.EscalationLevel.Should().Be(2);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
    }
}
