using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Storage;
using FileFlow.StoreContract;
using FileFlow.Time;

namespace FileFlow.Tests.Services;

public sealed class EscalationTests
{
    private static async Task<(TestOffice Office, DocumentHead File)> GpfFileAsync()
    {
        var office = TestOffice.WithServices();
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "GPF", "GPF advance of Shri Mohan Lal") { ServiceId = "gpf", Inputs = ServiceSamples.Inputs["gpf"].SetItem("amount", "90000") });
        var forwarded = await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh);
        return (office, forwarded);
    }

    [Fact]
    public async Task An_untouched_file_is_escalated_once_accrues_penalty_to_its_cap_and_escalates_again_on_time()
    {
        var (office, file) = await GpfFileAsync();
        var due = file.DueAt!.Value;
        due.Should().Be(TestOffice.Start.AddDays(15));
        ServiceClock.StatusOf(file, office.Engine.Services!.Get("gpf"), office.Clock.GetUtcNow()).Should().Be(TimeLimitStatus.OnTime);

        office.Clock.SetUtcNow(due.AddDays(-2));
        ServiceClock.StatusOf(await office.Engine.GetUncheckedAsync(file.Id), office.Engine.Services!.Get("gpf"), office.Clock.GetUtcNow()).Should().Be(TimeLimitStatus.AtRisk);
        (await office.Engine.EscalateOverdueAsync()).Should().BeEmpty("not yet due");

        office.Clock.SetUtcNow(due);
        (await office.Engine.EscalateOverdueAsync()).Should().BeEmpty("due means due at that moment, not past it");

        office.Clock.SetUtcNow(due.AddMilliseconds(1));
        (await office.Engine.AssessPenaltyAsync(file.Id))!.Amount.Should().Be(0, "not a whole day late yet");
        var first = await office.Engine.EscalateOverdueAsync();
        var escalation = first.Should().ContainSingle().Which;
        escalation.Head.Holder.Should().Be(TestOffice.JointSecretary, "the head of department is the first appellate officer");
        escalation.Head.EscalationLevel.Should().Be(1);
        escalation.Record.Record.Actor.Should().Be(TestOffice.System);
        escalation.Record.Record.Capacity.Should().Be(ActingCapacity.System);
        escalation.Record.Record.Trigger.Should().Be(DocumentTrigger.Escalate);
        (await office.Engine.EscalateOverdueAsync()).Should().BeEmpty("escalated once, not twice");
        office.Clock.Advance(TimeSpan.FromDays(1));
        (await office.Engine.EscalateOverdueAsync()).Should().BeEmpty("the first appellate officer has 30 days");

        // Penalty: Rs 250 a day from the due date, capped at Rs 5,000 (20 days).
        var penalties = new List<decimal>();
        for (var day = 2; day <= 25; day++)
        {
            office.Clock.SetUtcNow(due.AddDays(day).AddHours(1));
            penalties.Add((await office.Engine.AssessPenaltyAsync(file.Id))!.Amount);
        }

        penalties.Should().Equal(Enumerable.Range(2, 24).Select(d => Math.Min(5000m, 250m * d)));
        var assessment = (await office.Engine.AssessPenaltyAsync(file.Id))!;
        assessment.DesignatedPost.Should().Be(TestOffice.UnderSecretary);
        // Issue 14, defect 3: the delay falls on the section officer who let the time pass (the file was escalated from her, and the
        // first appellate officer is within her own 30 days), not on the head of office who held the designated post but never saw the file.
        assessment.Shares.Should().ContainSingle().Which.Should().Match<DelayShare>(s => s.Officer == TestOffice.Sunita && s.Post == TestOffice.SectionOfficer && s.Days == 25);
        var ledger = await office.Engine.PenaltyLedgerAsync();
        ledger.Should().ContainSingle().Which.Should().Match<OfficerPenalty>(o => o.Officer == TestOffice.Sunita && o.Total == 5000m);

        // Second escalation exactly when the first appellate officer's 30 days pass.
        var secondDue = escalation.Head.DueAt!.Value;
        secondDue.Should().Be(due.AddMilliseconds(1).AddDays(30));
        office.Clock.SetUtcNow(secondDue);
        (await office.Engine.EscalateOverdueAsync()).Should().BeEmpty();
        office.Clock.SetUtcNow(secondDue.AddMilliseconds(1));
        var second = (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle().Which;
        second.Head.Holder.Should().Be(TestOffice.Secretary);
        second.Head.EscalationLevel.Should().Be(2);
        office.Clock.Advance(TimeSpan.FromDays(90));
        (await office.Engine.EscalateOverdueAsync()).Should().BeEmpty("there is no third level");

        // The second appellate authority decides; the record verifies, and the penalty stops at the cap.
        var decided = await office.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Rajiv);
        decided.State.Should().Be(DocumentState.Approved);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task The_first_appellate_officer_may_decide_an_escalated_file_and_the_penalty_stops_at_the_decision()
    {
        var (office, file) = await GpfFileAsync();
        office.Clock.SetUtcNow(file.DueAt!.Value.AddDays(3).AddHours(2));
        await office.Engine.EscalateOverdueAsync();
        await office.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Meera);
        office.Clock.Advance(TimeSpan.FromDays(40));

        var assessment = (await office.Engine.AssessPenaltyAsync(file.Id))!;
        assessment.DaysLate.Should().Be(3);
        assessment.Amount.Should().Be(750m);
        assessment.DeliveredAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Escalations_are_exactly_once_even_when_two_engines_sweep_at_once()
    {
        var (office, file) = await GpfFileAsync();
        var second = new FileFlowEngine(office.Store, office.Signers, office.Chart, new FileFlowEngineOptions { Services = office.Engine.Services, TimeProvider = office.Clock });
        office.Clock.SetUtcNow(file.DueAt!.Value.AddDays(1));

        var results = await Task.WhenAll(Task.Run(() => office.Engine.EscalateOverdueAsync()), Task.Run(() => second.EscalateOverdueAsync()));

        results.Sum(r => r.Count).Should().Be(1);
        var escalations = 0;
        await foreach (var r in office.Store.ReadStreamAsync(file.Id))
        {
            escalations += r.Record.Trigger == DocumentTrigger.Escalate ? 1 : 0;
        }

        escalations.Should().Be(1);
    }

    [Theory]
    [InlineData(DocumentState.Draft)]
    [InlineData(DocumentState.Forwarded)]
    [InlineData(DocumentState.Returned)]
    [InlineData(DocumentState.Recalled)]
    [InlineData(DocumentState.Parked)]
    public async Task An_overdue_service_file_escalates_from_every_pending_state_and_verifies(DocumentState state)
    {
        var office = TestOffice.WithServices();
        var open = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "PAY", "Salary") { ServiceId = "salary", Inputs = ServiceSamples.Inputs["salary"] });
        var id = open.Head.Id;
        switch (state)
        {
            case DocumentState.Forwarded:
                await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
                break;
            case DocumentState.Returned:
                await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
                await office.FireAsync(id, DocumentTrigger.Return, TestOffice.Sunita);
                break;
            case DocumentState.Recalled:
                await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
                await office.FireAsync(id, DocumentTrigger.Recall, TestOffice.Ramesh);
                break;
            case DocumentState.Parked:
                await office.FireAsync(id, DocumentTrigger.Park, TestOffice.Ramesh);
                break;
        }

        office.Clock.Advance(TimeSpan.FromDays(8));
        var escalated = (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle().Which;
        escalated.Head.State.Should().Be(state);
        escalated.Record.Record.From.Should().Be(state);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Returning_to_the_applicant_stops_the_clock_and_resubmission_restarts_it_where_it_stopped()
    {
        var (office, file) = await GpfFileAsync();
        var due = file.DueAt!.Value;
        office.Clock.Advance(TimeSpan.FromDays(5));
        var bare = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.ReturnToApplicant, TestOffice.Sunita));
        await bare.Should().ThrowAsync<InvalidActionException>();

        var returned = await office.FireAsync(file.Id, DocumentTrigger.ReturnToApplicant, TestOffice.Sunita, reason: "Attach the GPF statement of the last year");
        returned.State.Should().Be(DocumentState.WithApplicant);
        returned.PausedAt.Should().NotBeNull();
        office.Clock.Advance(TimeSpan.FromDays(20));
        (await office.Engine.EscalateOverdueAsync()).Should().BeEmpty("the clock is stopped while the applicant holds it");
        ServiceClock.StatusOf(await office.Engine.GetUncheckedAsync(file.Id), office.Engine.Services!.Get("gpf"), office.Clock.GetUtcNow()).Should().Be(TimeLimitStatus.Paused);

        var pausedFor = office.Clock.GetUtcNow() - returned.PausedAt!.Value;
        var resubmitted = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Resubmit, TestOffice.Sunita));
        resubmitted.Head.State.Should().Be(DocumentState.Forwarded);
        resubmitted.Head.PausedAt.Should().BeNull();
        resubmitted.Head.DueAt.Should().Be(due + pausedFor);
        resubmitted.Record.Record.Attribute(RecordAttributes.DueAt).Should().NotBeNull();

        office.Clock.SetUtcNow(resubmitted.Head.DueAt!.Value.AddDays(2).AddHours(1));
        (await office.Engine.AssessPenaltyAsync(file.Id))!.DaysLate.Should().Be(2);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Officers_cannot_fire_an_escalation_themselves()
    {
        var (office, file) = await GpfFileAsync();
        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Escalate, TestOffice.Sunita) { Recipient = TestOffice.JointSecretary });
        (await act.Should().ThrowAsync<InvalidActionException>()).Which.Problem.Should().Contain("EscalateOverdueAsync");
    }

    [Fact]
    public async Task A_forged_system_record_other_than_an_escalation_fails_verification()
    {
        var (office, file) = await GpfFileAsync();
        var head = await office.Engine.GetUncheckedAsync(file.Id);
        var forged = new FileFlow.Records.TransitionRecord
        {
            DocumentId = file.Id, Kind = DocumentKind.File, Sequence = head.Sequence + 1, ActionId = Guid.NewGuid(), Trigger = DocumentTrigger.Approve,
            From = head.State, To = DocumentState.Approved, Actor = TestOffice.System, ActingAs = head.Holder, Capacity = ActingCapacity.System,
            Holder = head.Holder, OccurredAt = FileFlow.Records.RecordCodec.Normalize(office.Clock.GetUtcNow()), PreviousHash = head.LastHash,
            SignerKeyId = office.Signers.GetSigner(TestOffice.System).KeyId,
        };
        var bytes = FileFlow.Records.RecordCodec.Encode(forged);
        var signature = await office.Signers.GetSigner(TestOffice.System).SignAsync(bytes, forged.OccurredAt);
        var signed = new FileFlow.Records.SignedRecord(forged, bytes, signature);
        await office.Store.AppendAsync([new RecordAppend(signed, DocumentProjection.Apply(head, forged, signed.Hash))]);

        var failure = (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().ContainSingle().Which;
        failure.Kind.Should().Be(VerificationFailureKind.Unauthorised);
        failure.Sequence.Should().Be(head.Sequence + 1);
    }

    [Fact]
    public void Working_day_limits_skip_Sundays_second_and_fourth_Saturdays_and_holidays()
    {
        var calendar = new WorkingDayCalendar([new DateOnly(2026, 4, 14)]);
        var clock = new ServiceClock(calendar);
        var start = new DateTimeOffset(2026, 4, 9, 10, 0, 0, TimeSpan.Zero);   // Thursday
        var due = clock.DueAt(start, new TimeLimit(4, WorkingDays: true, 0.75, "test"));

        // Fri 10 (1), Sat 11 = 2nd Saturday off, Sun 12 off, Mon 13 (2), Tue 14 holiday, Wed 15 (3), Thu 16 (4).
        due.Should().Be(new DateTimeOffset(2026, 4, 16, 10, 0, 0, TimeSpan.Zero));
        clock.DueAt(start, new TimeLimit(4, WorkingDays: false, 0.75, "test")).Should().Be(start.AddDays(4));
    }
}
