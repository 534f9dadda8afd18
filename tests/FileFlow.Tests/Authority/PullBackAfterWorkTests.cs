using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Authority;

/// <summary>Regression (issue 14, defect 6): a sender pulled a file back after the recipient had written a noting on it, stranding the noting.</summary>
public sealed class PullBackAfterWorkTests
{
    private static async Task<(TestOffice Office, DocumentId File)> SentAsync()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        return (office, file.Id);
    }

    [Fact]
    public async Task A_file_whose_recipient_wrote_a_noting_cannot_be_pulled_back()
    {
        var (office, id) = await SentAsync();
        await office.Engine.WriteNotingAsync(TestOffice.Sunita, id, NotingContent.Number("Leave is due; may be sanctioned."));
        office.Tick();
        var before = await office.Engine.GetUncheckedAsync(id);

        var recall = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Recall, TestOffice.Ramesh));

        var refused = (await recall.Should().ThrowAsync<PullBackRefusedException>()).Which;
        refused.Opened.Should().BeFalse();
        refused.Message.Should().Contain("EST-SO").And.Contain("acted");
        (await office.Engine.GetUncheckedAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task A_file_whose_recipient_drafted_a_reply_cannot_be_pulled_back()
    {
        var (office, id) = await SentAsync();
        await office.Engine.DraftForApprovalAsync(TestOffice.Sunita, id, "Sanction order", NotingContent.Number("Sanctioned."));
        office.Tick();

        var recall = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Recall, TestOffice.Ramesh));

        await recall.Should().ThrowAsync<PullBackRefusedException>();
    }

    [Fact]
    public async Task A_file_the_recipient_has_not_touched_is_pulled_back_even_when_the_sender_left_notes_on_it()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Put up."));
        office.Tick();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);

        (await office.FireAsync(file.Id, DocumentTrigger.Recall, TestOffice.Ramesh)).Holder.Should().Be(TestOffice.DealingAssistant);
        await Forgery.VerifiesAsync(office);
    }

    [Fact]
    public async Task A_pull_back_after_the_recipients_noting_signed_behind_the_engines_back_fails_verification()
    {
        var (office, id) = await SentAsync();
        await office.Engine.WriteNotingAsync(TestOffice.Sunita, id, NotingContent.Number("Seen."));
        office.Tick();

        var forged = await Forgery.AppendAsync(office, id, DocumentTrigger.Recall, TestOffice.Ramesh, TestOffice.DealingAssistant, ActingCapacity.Holder, DocumentState.Recalled, TestOffice.DealingAssistant);

        (await Forgery.SingleFailureAsync(office, forged)).Reason.Should().Contain("acted");
        var alone = await new FileFlow.Audit.StoreVerifier(office.Keys, office.Chart).VerifyDocumentAsync(office.Store, id);
        alone.Failures.Should().ContainSingle().Which.Sequence.Should().Be(forged.Sequence, "a document verified alone is judged with its notes beside it");
    }
}
