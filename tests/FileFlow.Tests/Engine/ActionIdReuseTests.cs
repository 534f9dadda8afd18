using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

/// <summary>Regression for issue 14, defect 7: an action id is trusted only for the request it was first sent with.</summary>
public sealed class ActionIdReuseTests
{
    [Fact]
    public async Task Reusing_an_action_id_for_another_trigger_fails_naming_the_id_and_the_trigger_and_stores_nothing()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var id = Guid.NewGuid();
        await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { ActionId = id, Recipient = TestOffice.SectionOfficer });
        var count = ((InMemoryDocumentStore)office.Store).Count;

        var reuse = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Park, TestOffice.Ramesh) { ActionId = id, Reason = "Awaiting papers" });

        var error = (await reuse.Should().ThrowAsync<ActionIdReusedException>()).Which;
        error.ActionId.Should().Be(id);
        error.LandedOn.Should().Be(file.Id);
        error.Difference.Should().Contain("Forward").And.Contain("Park");
        ((InMemoryDocumentStore)office.Store).Count.Should().Be(count);
    }

    [Fact]
    public async Task Reusing_an_action_id_on_another_document_fails_naming_the_document()
    {
        var office = TestOffice.Create();
        var first = await office.OpenFileAsync("First");
        var second = await office.OpenFileAsync("Second");
        var id = Guid.NewGuid();
        await office.Engine.FireAsync(new DocumentAction(first.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { ActionId = id, Recipient = TestOffice.SectionOfficer });

        var reuse = async () => await office.Engine.FireAsync(new DocumentAction(second.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { ActionId = id, Recipient = TestOffice.SectionOfficer });

        (await reuse.Should().ThrowAsync<ActionIdReusedException>()).Which.Difference.Should().Contain(second.Id.ToString());
        (await office.Engine.GetUncheckedAsync(second.Id)).State.Should().Be(DocumentState.Draft, "the second file was not moved");
    }

    [Fact]
    public async Task Reusing_an_action_id_with_other_arguments_or_another_actor_fails()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var id = Guid.NewGuid();
        await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { ActionId = id, Recipient = TestOffice.SectionOfficer });

        var otherRecipient = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { ActionId = id, Recipient = TestOffice.UnderSecretary });
        var otherActor = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Sunita) { ActionId = id, Recipient = TestOffice.SectionOfficer });

        (await otherRecipient.Should().ThrowAsync<ActionIdReusedException>()).Which.Difference.Should().Contain("arguments");
        (await otherActor.Should().ThrowAsync<ActionIdReusedException>()).Which.Difference.Should().Contain("sunita");
    }

    [Fact]
    public async Task Reusing_an_opening_action_id_for_another_file_fails_and_takes_no_number()
    {
        var office = TestOffice.Create();
        var id = Guid.NewGuid();
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("First"), id);

        var reuse = async () => await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("Second"), id);
        var retry = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("First"), id);

        (await reuse.Should().ThrowAsync<ActionIdReusedException>()).Which.LandedOn.Should().Be(opened.Head.Id);
        retry.Replayed.Should().BeTrue();
        retry.Record.Hash.Should().Be(opened.Record.Hash);
        var next = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("Third"));
        FileNumber.Parse(next.Head.Reference!).Serial.Should().Be(FileNumber.Parse(opened.Head.Reference!).Serial + 1);
    }

    [Fact]
    public void Every_argument_of_an_action_is_in_its_request_fingerprint()
    {
        // ActionRequest.Of hashes each of these; a new argument must be added there too, or a retry changing only it would pass as a replay.
        string[] fingerprinted =
        [
            "DocumentId", "Trigger", "Actor", "Recipient", "Reason", "DelayCause", "Receipt", "Paragraphs", "Attributes", "CopyTo", "Addressee",
            "DeliverWithinDays", "Penalties", "Compensation", "ToInstance", "ReplyBy", "Withholding",
        ];

        var arguments = typeof(DocumentAction).GetProperties().Select(p => p.Name).Where(n => n is not ("ActionId" or "EqualityContract"));

        arguments.Should().BeEquivalentTo(fingerprinted);
    }

    [Fact]
    public async Task A_genuine_replay_returns_the_document_as_that_action_left_it_not_as_it_is_now()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var forward = new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer };
        var first = await office.Engine.FireAsync(forward);
        office.Tick();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);

        var replay = await office.Engine.FireAsync(forward);

        replay.Replayed.Should().BeTrue();
        replay.Record.Hash.Should().Be(first.Record.Hash);
        replay.Head.Should().Be(first.Head);
        replay.Head.Holder.Should().Be(TestOffice.SectionOfficer, "the forward left it with the section officer, whatever happened after");
        (await office.Engine.GetUncheckedAsync(file.Id)).Holder.Should().Be(TestOffice.UnderSecretary);
    }
}
