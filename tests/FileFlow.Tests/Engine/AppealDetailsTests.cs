using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Services;
using FileFlow.Storage;
using FileFlow.StoreContract;
using FileFlow.Tests.Services;

namespace FileFlow.Tests.Engine;

/// <summary>Regression for issue 14, defect 12: an appeal order's own message, and a late appeal's grounds kept apart from its cause for delay.</summary>
public sealed class AppealDetailsTests
{
    private static async Task<(TestOffice Office, DocumentId File)> RejectedSalaryFileAsync()
    {
        var office = TestOffice.Create(options: new FileFlowEngineOptions { Services = ServiceCatalog.LoadDefaults() });
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "PAY", "Salary") { ServiceId = "salary", Inputs = ServiceSamples.Inputs["salary"], Applicant = TestOffice.Karan });
        var id = opened.Head.Id;
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Sunita);
        await office.FireAsync(id, DocumentTrigger.Reject, TestOffice.Arvind, reason: "Not due");
        return (office, id);
    }

    [Theory]
    [InlineData(DocumentTrigger.DismissAppeal)]
    [InlineData(DocumentTrigger.AllowAppeal)]
    public async Task An_appeal_order_without_reasons_is_refused_with_the_appeal_orders_message(DocumentTrigger order)
    {
        var (office, id) = await RejectedSalaryFileAsync();
        await office.FireAsync(id, DocumentTrigger.Appeal, TestOffice.Karan, reason: "It is due");

        var bare = async () => await office.Engine.FireAsync(new DocumentAction(id, order, TestOffice.Meera));

        var error = (await bare.Should().ThrowAsync<InvalidActionException>()).Which;
        error.Message.Should().Contain("an appeal order must carry its reasons").And.NotContain("applicant must supply");
    }

    [Fact]
    public async Task A_late_appeal_records_its_grounds_and_its_cause_for_delay_separately()
    {
        var (office, id) = await RejectedSalaryFileAsync();
        office.Clock.Advance(TimeSpan.FromDays(31));

        var groundsOnly = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Karan) { Reason = "The salary is due" });
        (await groundsOnly.Should().ThrowAsync<AppealWindowClosedException>()).Which.Message.Should().Contain("DelayCause");
        var appeal = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Karan)
        {
            Reason = "The salary is due from 1 April",
            DelayCause = "I was in hospital from 2 to 30 May (certificate attached)",
        });

        appeal.Record.Record.Attribute(RecordAttributes.Reason).Should().Be("The salary is due from 1 April");
        appeal.Record.Record.Attribute(RecordAttributes.DelayCause).Should().Be("I was in hospital from 2 to 30 May (certificate attached)");
    }

    [Fact]
    public async Task A_cause_for_delay_on_an_appeal_in_time_or_on_another_action_is_refused()
    {
        var (office, id) = await RejectedSalaryFileAsync();

        var inTime = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Karan) { Reason = "Due", DelayCause = "None" });
        var draft = await office.OpenFileAsync();
        var other = async () => await office.Engine.FireAsync(new DocumentAction(draft.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { DelayCause = "None" });

        (await inTime.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("within its window");
        (await other.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("late appeal");
        (await office.Engine.GetUncheckedAsync(id)).State.Should().Be(DocumentState.Rejected);
    }
}
