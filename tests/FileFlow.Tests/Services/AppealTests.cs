using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Services;

public sealed class AppealTests
{
    [Fact]
    public async Task The_whole_appeal_path_runs_in_virtual_time_with_every_step_signed_and_verified()
    {
        var office = TestOffice.Create(options: new FileFlowEngineOptions { Services = FileFlow.Services.ServiceCatalog.LoadDefaults(), RequireAcknowledgment = true });
        var clock = office.Clock;

        // Application opened and acknowledged: the due date is written on the acknowledgment.
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "PAY", "Salary for March of Shri Karan Mehta") { ServiceId = "salary", Inputs = ServiceSamples.Inputs["salary"], Applicant = TestOffice.Karan });
        opened.Head.DueAt.Should().BeNull("the clock starts at acknowledgment");
        var ack = await office.Engine.FireAsync(new DocumentAction(opened.Head.Id, DocumentTrigger.Acknowledge, TestOffice.Ramesh));
        ack.Head.DueAt.Should().Be(clock.GetUtcNow().AddDays(7));
        var id = opened.Head.Id;

        // Rejection must carry reasons and the appeal information.
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Sunita);
        var rejected = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Reject, TestOffice.Arvind) { Reason = "Attendance not verified" });
        rejected.Record.Record.Attribute(RecordAttributes.AppealTo).Should().Be("EST-JS");
        var appealBy = DateTimeOffset.Parse(rejected.Record.Record.Attribute(RecordAttributes.AppealBy)!, System.Globalization.CultureInfo.InvariantCulture);
        appealBy.Should().Be(clock.GetUtcNow().AddDays(30));

        // Only the applicant appeals; late without cause is refused; within the window it goes to the first appellate officer.
        var stranger = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Pooja));
        await stranger.Should().ThrowAsync<InvalidActionException>();
        clock.Advance(TimeSpan.FromDays(10));
        var appeal = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Karan) { Reason = "Attendance certificate was attached" });
        appeal.Head.State.Should().Be(DocumentState.UnderAppeal);
        appeal.Head.Holder.Should().Be(TestOffice.JointSecretary);
        appeal.Record.Record.Capacity.Should().Be(ActingCapacity.Applicant);

        // The first appellate officer orders delivery within 10 days.
        clock.Advance(TimeSpan.FromDays(5));
        var order = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.AllowAppeal, TestOffice.Meera) { Reason = "Certificate is on file; pay within 10 days", DeliverWithinDays = 10 });
        order.Head.Holder.Should().Be(TestOffice.UnderSecretary, "back to the competent authority to deliver");
        order.Head.DueAt.Should().Be(clock.GetUtcNow().AddDays(10));

        // Default on the order: a second appeal before the delivery date is premature; after it, it lies.
        var premature = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, TestOffice.Karan));
        await premature.Should().ThrowAsync<InvalidActionException>();
        clock.Advance(TimeSpan.FromDays(12));
        var second = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, TestOffice.Karan) { Reason = "Order not complied with" });
        second.Head.State.Should().Be(DocumentState.UnderSecondAppeal);
        second.Head.Holder.Should().Be(TestOffice.Secretary);

        // The second appellate authority fines the designated officer, paid to the applicant as compensation.
        var tooMuch = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.AllowAppeal, TestOffice.Rajiv)
        {
            Reason = "x", Penalties = System.Collections.Immutable.ImmutableSortedDictionary<string, decimal>.Empty.Add("arvind", 9000m),
        });
        await tooMuch.Should().ThrowAsync<InvalidActionException>();
        var final = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.AllowAppeal, TestOffice.Rajiv)
        {
            Reason = "Delay without cause; pay within 3 days",
            DeliverWithinDays = 3,
            Penalties = System.Collections.Immutable.ImmutableSortedDictionary<string, decimal>.Empty.Add("arvind", 3000m),
            Compensation = true,
        });
        final.Head.Holder.Should().Be(TestOffice.UnderSecretary);
        var ledger = await office.Engine.ImposedPenaltiesAsync();
        var entry = ledger.Should().ContainSingle().Which;
        entry.Officer.Should().Be(TestOffice.Arvind);
        entry.Amount.Should().Be(3000m);
        entry.Compensation.Should().BeTrue();
        entry.OrderedBy.Should().Be(TestOffice.Rajiv);

        // Delivered at last.
        (await office.FireAsync(id, DocumentTrigger.Approve, TestOffice.Arvind)).State.Should().Be(DocumentState.Approved);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.Failures.Should().BeEmpty();
        var triggers = new List<DocumentTrigger>();
        await foreach (var r in office.Engine.HistoryUncheckedAsync(id))
        {
            triggers.Add(r.Record.Trigger);
        }

        triggers.Should().ContainInOrder(DocumentTrigger.Create, DocumentTrigger.Acknowledge, DocumentTrigger.Reject, DocumentTrigger.Appeal, DocumentTrigger.AllowAppeal, DocumentTrigger.SecondAppeal, DocumentTrigger.AllowAppeal, DocumentTrigger.Approve);
    }

    [Fact]
    public async Task A_late_appeal_needs_cause_and_the_second_authority_may_act_on_its_own_motion()
    {
        var office = TestOffice.Create(options: new FileFlowEngineOptions { Services = FileFlow.Services.ServiceCatalog.LoadDefaults() });
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "PAY", "Salary") { ServiceId = "salary", Inputs = ServiceSamples.Inputs["salary"], Applicant = TestOffice.Karan });
        var id = opened.Head.Id;
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Sunita);
        await office.FireAsync(id, DocumentTrigger.Reject, TestOffice.Arvind, reason: "Not due");
        office.Clock.Advance(TimeSpan.FromDays(31));

        var late = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Karan));
        (await late.Should().ThrowAsync<AppealWindowClosedException>()).Which.DocumentId.Should().Be(id);
        var withCause = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Karan) { Reason = "The salary is due", DelayCause = "I was hospitalised (certificate attached)" });
        withCause.Record.Record.Attribute(RecordAttributes.DelayCause).Should().Contain("hospitalised");

        // A second pending file defaults; the second appellate authority takes it up on its own motion.
        var other = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "PAY", "Salary") { ServiceId = "salary", Inputs = ServiceSamples.Inputs["salary"], Applicant = TestOffice.Karan });
        office.Clock.Advance(TimeSpan.FromDays(8));
        var suoMotu = await office.Engine.FireAsync(new DocumentAction(other.Head.Id, DocumentTrigger.SecondAppeal, TestOffice.Rajiv) { Reason = "Taken up on own motion" });
        suoMotu.Record.Record.Attribute(RecordAttributes.OwnMotion).Should().Be("true");
        suoMotu.Head.Holder.Should().Be(TestOffice.Secretary);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }
}
