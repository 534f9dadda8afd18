using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.StoreContract;
using FileFlow.Tests.Services;

namespace FileFlow.Tests.Authority;

/// <summary>What a desk shows: the actions an officer may take on a document now, asked of the same authority policy that decides when they act.</summary>
public sealed class PermittedTriggersForOfficerTests
{
    [Fact]
    public async Task The_holder_gets_the_files_actions_and_an_officer_who_does_not_hold_it_gets_none()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();

        var ramesh = await office.Engine.PermittedTriggersAsync(file.Id, TestOffice.Ramesh);
        var sunita = await office.Engine.PermittedTriggersAsync(file.Id, TestOffice.Sunita);

        ramesh.Should().Contain([DocumentTrigger.Forward, DocumentTrigger.Close]);
        sunita.Should().BeEmpty();
    }

    [Fact]
    public async Task After_a_forward_the_sender_may_only_pull_back_and_the_recipient_acts()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);

        (await office.Engine.PermittedTriggersAsync(file.Id, TestOffice.Ramesh)).Should().Equal(DocumentTrigger.Recall);
        var sunita = await office.Engine.PermittedTriggersAsync(file.Id, TestOffice.Sunita);
        sunita.Should().Contain([DocumentTrigger.Forward, DocumentTrigger.Return]).And.NotContain(DocumentTrigger.Recall);
    }

    [Fact]
    public async Task Every_listed_trigger_is_one_the_engine_accepts_from_that_officer_and_every_other_is_refused()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var machine = await office.Engine.PermittedTriggersAsync(file.Id);

        foreach (var officer in new[] { TestOffice.Ramesh, TestOffice.Sunita, TestOffice.Meera })
        {
            var granted = await office.Engine.PermittedTriggersAsync(file.Id, officer);
            foreach (var trigger in machine.Where(t => t is DocumentTrigger.Recall or DocumentTrigger.Close or DocumentTrigger.Park))
            {
                var copy = TestOffice.Create();
                var again = await copy.OpenFileAsync();
                await copy.FireAsync(again.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
                var act = async () => await copy.Engine.FireAsync(new DocumentAction(again.Id, trigger, officer) { Reason = "for the record" });
                if (granted.Contains(trigger))
                {
                    await act.Should().NotThrowAsync($"{officer} was shown {trigger}");
                }
                else
                {
                    await act.Should().ThrowAsync<FileFlowException>($"{officer} was not shown {trigger}");
                }
            }
        }
    }

    [Fact]
    public async Task Only_the_competent_authority_is_shown_the_decision_on_a_service_file()
    {
        var office = TestOffice.WithServices();
        var inputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["kind"] = "advance", ["purpose"] = "house", ["amount"] = "600000", ["balance"] = "900000",
        });
        var file = (await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "GPF", "GPF advance") { ServiceId = "gpf", Inputs = inputs })).Head;
        var atHod = await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.JointSecretary);
        atHod.Holder.Should().Be(TestOffice.JointSecretary);

        (await office.Engine.PermittedTriggersAsync(file.Id, TestOffice.Meera)).Should().NotContain([DocumentTrigger.Approve, DocumentTrigger.Reject]);
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Meera, TestOffice.Secretary);
        (await office.Engine.PermittedTriggersAsync(file.Id, TestOffice.Rajiv)).Should().Contain([DocumentTrigger.Approve, DocumentTrigger.Reject]);
    }

    [Fact]
    public async Task The_applicant_is_shown_each_appeal_only_at_the_stage_the_engine_accepts_it()
    {
        var office = TestOffice.Create(options: new FileFlowEngineOptions { Services = FileFlow.Services.ServiceCatalog.LoadDefaults(), RequireAcknowledgment = true });
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "PAY", "Salary for March of Shri Karan Mehta") { ServiceId = "salary", Inputs = ServiceSamples.Inputs["salary"], Applicant = TestOffice.Karan });
        var id = opened.Head.Id;
        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Acknowledge, TestOffice.Ramesh));
        (await office.Engine.PermittedTriggersAsync(id, TestOffice.Karan)).Should().BeEmpty("nothing has been refused or delayed yet");
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Sunita);
        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Reject, TestOffice.Arvind) { Reason = "Attendance not verified" });

        (await office.Engine.PermittedTriggersAsync(id, TestOffice.Karan)).Should().Equal([DocumentTrigger.Appeal], "a second appeal lies only against the first appeal's order");
        var secondFirst = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, TestOffice.Karan) { Reason = "straight to the top" });
        await secondFirst.Should().ThrowAsync<InvalidActionException>();

        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Karan) { Reason = "Attendance certificate was attached" });
        (await office.Engine.PermittedTriggersAsync(id, TestOffice.Karan)).Should().BeEmpty("the first appeal is within its time to be decided");

        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.DismissAppeal, TestOffice.Meera) { Reason = "No certificate on file" });
        (await office.Engine.PermittedTriggersAsync(id, TestOffice.Karan)).Should().Equal([DocumentTrigger.SecondAppeal]);
        var second = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, TestOffice.Karan) { Reason = "The certificate was attached" });
        second.Head.State.Should().Be(DocumentState.UnderSecondAppeal);
        (await office.Engine.PermittedTriggersAsync(id, TestOffice.Karan)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_officer_is_refused_by_name()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();

        var act = async () => await office.Engine.PermittedTriggersAsync(file.Id, new OfficerId("nobody"));

        (await act.Should().ThrowAsync<FileFlowException>()).Which.Message.Should().Contain("nobody");
    }
}
