using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Authority;

/// <summary>Regression (issue 14, defect 4): an officer on leave kept full powers while the charge of their post was delegated, and signed as its holder.</summary>
public sealed class DelegatedChargeTests
{
    private static readonly DateTimeOffset Leave = TestOffice.Start.AddDays(1);

    private static async Task<(TestOffice Office, DocumentId File)> WithSectionOfficerOnLeaveAsync(bool concurrent)
    {
        var office = TestOffice.Create(extend: b => b.Delegate(new Delegation(TestOffice.SectionOfficer, TestOffice.AccountsOfficer, Leave, Leave.AddDays(10)) { Concurrent = concurrent }));
        var file = await office.OpenFileAsync();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        office.Clock.SetUtcNow(Leave.AddHours(2));
        return (office, file.Id);
    }

    [Fact]
    public async Task While_the_charge_is_delegated_the_officer_on_leave_does_not_act_for_the_post_and_the_delegate_does()
    {
        var (office, id) = await WithSectionOfficerOnLeaveAsync(concurrent: false);
        var before = await office.Engine.GetUncheckedAsync(id);

        var onLeave = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary });
        (await onLeave.Should().ThrowAsync<NotCurrentHolderException>()).Which.Holder.Should().Be(TestOffice.SectionOfficer);
        var note = async () => await office.Engine.WriteNotingAsync(TestOffice.Sunita, id, NotingContent.Number("Seen."));
        await note.Should().ThrowAsync<NotCurrentHolderException>();
        (await office.Engine.GetUncheckedAsync(id)).Should().Be(before);
        office.Chart.CapacityFor(TestOffice.Sunita, TestOffice.SectionOfficer, office.Clock.GetUtcNow()).Should().Be(ActingCapacity.None);

        var byDelegate = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, TestOffice.Pooja) { Recipient = TestOffice.UnderSecretary });
        byDelegate.Record.Record.Capacity.Should().Be(ActingCapacity.Delegate);
        byDelegate.Record.Record.ActingAs.Should().Be(TestOffice.SectionOfficer);
        await Forgery.VerifiesAsync(office);
    }

    [Fact]
    public async Task Under_a_concurrent_charge_the_holder_keeps_acting_beside_the_delegate()
    {
        var (office, id) = await WithSectionOfficerOnLeaveAsync(concurrent: true);

        var byHolder = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary });

        byHolder.Record.Record.Capacity.Should().Be(ActingCapacity.Holder);
        await Forgery.VerifiesAsync(office);
    }

    [Fact]
    public async Task An_act_signed_as_holder_by_the_officer_on_leave_behind_the_engines_back_fails_verification()
    {
        var (office, id) = await WithSectionOfficerOnLeaveAsync(concurrent: false);

        var forged = await Forgery.AppendAsync(office, id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.SectionOfficer, ActingCapacity.Holder, DocumentState.Forwarded, TestOffice.UnderSecretary);

        (await Forgery.SingleFailureAsync(office, forged)).Reason.Should().Contain("sunita");
    }
}
