using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Services;

/// <summary>Regression tests for issue 14, defect 3: delay is charged to the officers who actually held the file past its limit, from its signed history.</summary>
public sealed class PenaltyAttributionTests
{
    private static Task<ActionResult> OpenGpfAsync(TestOffice office, int amount) =>
        office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "GPF", $"GPF advance of Rs {amount}")
        {
            ServiceId = "gpf",
            Inputs = ServiceSamples.Inputs["gpf"].SetItem("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        });

    [Fact]
    public async Task AssessPenalty_HolderOnLeaveWithChargeDelegated_ChargesTheOfficerInCurrentCharge()
    {
        // GPF is due 15 days after opening; the section officer goes on leave a day and a half after that, the accounts officer holding her charge.
        var due = TestOffice.Start.AddDays(15);
        var office = TestOffice.WithServices(extend: b => b.Delegate(TestOffice.SectionOfficer, TestOffice.AccountsOfficer, due.AddHours(36), due.AddDays(30)));
        var file = await OpenGpfAsync(office, 90_000);
        await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh);
        file.Head.DueAt.Should().Be(due);

        office.Clock.SetUtcNow(due.AddDays(3).AddHours(1));
        var assessment = (await office.Engine.AssessPenaltyAsync(file.Head.Id))!;

        assessment.DaysLate.Should().Be(3);
        assessment.Shares.Select(s => (s.Officer, s.Post, s.Capacity, s.FirstDay, s.Days, s.Amount)).Should().Equal(
            (TestOffice.Sunita, TestOffice.SectionOfficer, ActingCapacity.Holder, 1, 1, 250m),
            (TestOffice.Pooja, TestOffice.SectionOfficer, ActingCapacity.Delegate, 2, 2, 500m));
        assessment.Amount.Should().Be(assessment.Shares.Sum(s => s.Amount));
        var ledger = await office.Engine.PenaltyLedgerAsync();
        ledger.Select(o => (o.Officer, o.Total)).Should().Equal((TestOffice.Pooja, 500m), (TestOffice.Sunita, 250m));
        ledger.Should().NotContain(o => o.Officer == TestOffice.Arvind, "the head of office, the designated officer, never had the file");
    }

    [Fact]
    public async Task AssessPenalty_FileSat25DaysWithTheHeadOfDepartment_ChargesTheHeadOfDepartmentNotTheHeadOfOffice()
    {
        // Above Rs 1 lakh the head of department sanctions: the file goes up in two days and then sits with her.
        var office = TestOffice.WithServices();
        var file = await OpenGpfAsync(office, 150_000);
        await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Sunita);
        office.Clock.Advance(TimeSpan.FromDays(1));
        var withHod = await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Arvind);
        withHod.Holder.Should().Be(TestOffice.JointSecretary);

        office.Clock.SetUtcNow(withHod.DueAt!.Value.AddDays(25).AddHours(1));
        var decided = await office.FireAsync(file.Head.Id, DocumentTrigger.Approve, TestOffice.Meera);
        office.Clock.Advance(TimeSpan.FromDays(10));
        var assessment = (await office.Engine.AssessPenaltyAsync(file.Head.Id))!;

        decided.State.Should().Be(DocumentState.Approved);
        assessment.DaysLate.Should().Be(25, "the penalty stops at the decision");
        assessment.DesignatedPost.Should().Be(TestOffice.UnderSecretary);
        assessment.Shares.Should().ContainSingle().Which.Should().Match<DelayShare>(s =>
            s.Officer == TestOffice.Meera && s.Post == TestOffice.JointSecretary && s.Capacity == ActingCapacity.Holder && s.Days == 25 && s.Amount == 5000m);
        var ledger = await office.Engine.PenaltyLedgerAsync();
        ledger.Should().ContainSingle().Which.Should().Match<OfficerPenalty>(o => o.Officer == TestOffice.Meera && o.Total == 5000m);
    }

    [Fact]
    public async Task AssessPenalty_EscalatedFile_KeepsTheDelayWithTheOfficerInDefaultUntilTheAppellateOfficersOwnLimitPasses()
    {
        var office = TestOffice.WithServices();
        var file = await OpenGpfAsync(office, 90_000);
        var due = (await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh)).DueAt!.Value;
        office.Clock.SetUtcNow(due.AddMilliseconds(1));
        var escalation = (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle().Which;
        escalation.Head.Holder.Should().Be(TestOffice.JointSecretary);

        office.Clock.SetUtcNow(escalation.Head.DueAt!.Value.AddDays(2).AddHours(1));
        var assessment = (await office.Engine.AssessPenaltyAsync(file.Head.Id))!;

        assessment.Shares.Select(s => (s.Officer, s.FirstDay, s.Days, s.Amount)).Should().Equal(
            (TestOffice.Sunita, 1, 30, 5000m),
            (TestOffice.Meera, 31, 2, 500m));
        assessment.Amount.Should().Be(5500m, "each officer's delay is capped on its own");
        assessment.Shares.Sum(s => s.Days).Should().Be(assessment.DaysLate);
    }

    [Fact]
    public async Task AssessPenalty_TimeWithTheApplicant_IsChargedToNoOne()
    {
        var office = TestOffice.WithServices();
        var file = await OpenGpfAsync(office, 90_000);
        var due = (await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh)).DueAt!.Value;
        office.Clock.SetUtcNow(due.AddDays(2).AddHours(1));
        await office.FireAsync(file.Head.Id, DocumentTrigger.ReturnToApplicant, TestOffice.Sunita, reason: "Attach the GPF statement");
        office.Clock.Advance(TimeSpan.FromDays(40));
        await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Resubmit, TestOffice.Sunita));
        office.Clock.Advance(TimeSpan.FromDays(1));

        var assessment = (await office.Engine.AssessPenaltyAsync(file.Head.Id))!;

        assessment.DaysLate.Should().Be(3);
        assessment.Shares.Should().ContainSingle().Which.Should().Match<DelayShare>(s => s.Officer == TestOffice.Sunita && s.Days == 3);
    }

    [Fact]
    public async Task ImposedPenalties_SaySettledDelay_SoAccruedAndImposedLedgersReconcile()
    {
        var office = TestOffice.Create(options: new FileFlowEngineOptions { Services = ServiceCatalog.LoadDefaults() });
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "PAY", "Salary for March")
        {
            ServiceId = "salary",
            Inputs = ServiceSamples.Inputs["salary"],
            Applicant = TestOffice.Karan,
        });
        var id = file.Head.Id;
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        office.Clock.SetUtcNow(file.Head.DueAt!.Value.AddDays(4).AddHours(1));
        await office.FireAsync(id, DocumentTrigger.Appeal, TestOffice.Karan, reason: "Salary not paid");
        var firstLimit = (await office.Engine.GetUncheckedAsync(id)).DueAt!.Value;
        office.Clock.SetUtcNow(firstLimit.AddDays(3).AddHours(1));
        await office.FireAsync(id, DocumentTrigger.SecondAppeal, TestOffice.Karan, reason: "First appeal not decided");
        var order = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.AllowAppeal, TestOffice.Rajiv)
        {
            Reason = "Delay without cause at both levels",
            Penalties = System.Collections.Immutable.ImmutableSortedDictionary<string, decimal>.Empty.Add("sunita", 1000m).Add("meera", 750m).Add("arvind", 100m),
        });

        var imposed = await office.Engine.ImposedPenaltiesAsync();
        var accrued = (await office.Engine.AssessPenaltyAsync(id))!;

        var sunita = imposed.Single(p => p.Officer == TestOffice.Sunita);
        sunita.Settles.Should().NotBeEmpty().And.OnlyContain(s => s.Officer == TestOffice.Sunita && s.To <= order.Record.Record.OccurredAt);
        sunita.Accrued.Should().Be(accrued.SharesOf(TestOffice.Sunita).Where(s => s.To <= order.Record.Record.OccurredAt).Sum(s => s.Amount));
        var meera = imposed.Single(p => p.Officer == TestOffice.Meera);
        meera.Settles.Should().ContainSingle().Which.Should().Match<DelayShare>(s => s.Officer == TestOffice.Meera && s.Days == 3);
        meera.Accrued.Should().Be(750m, "the three days after her own limit passed, which the order settles exactly");
        imposed.Single(p => p.Officer == TestOffice.Arvind).Settles.Should().BeEmpty("no delay on this file was charged to the head of office");
        (await office.Engine.PenaltyLedgerAsync()).Select(o => o.Officer).Should().BeEquivalentTo([TestOffice.Sunita, TestOffice.Meera]);
    }
}
