using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

/// <summary>Regression for issue 14, defect 9: a graded paper put up in a file raises the file's grading, so it cannot leak with the file.</summary>
public sealed class GradingThroughFileTests
{
    // Ramesh diarises a confidential letter (he may: he created it) and sends it to Sunita, cleared for confidential; she puts it in an ungraded file.
    private static async Task<(TestOffice Office, DocumentId File, ActionResult Attached)> ConfidentialPaperInOrdinaryFileAsync()
    {
        var office = TestOffice.Create();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication() with { Grading = SecurityGrading.Confidential });
        await office.FireAsync(receipt.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var file = await office.Engine.OpenFileAsync(TestOffice.Sunita, TestOffice.SectionOfficer, TestOffice.LeaveFile("Conduct of an officer"));
        file.Head.Grading.Should().Be(SecurityGrading.Normal);
        var attached = await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.AttachReceipt, TestOffice.Sunita) { Receipt = receipt.Head.Id });
        return (office, file.Head.Id, attached);
    }

    [Fact]
    public async Task Putting_a_confidential_receipt_in_an_ungraded_file_raises_the_file_to_confidential_in_the_signed_record()
    {
        var (office, file, attached) = await ConfidentialPaperInOrdinaryFileAsync();

        attached.Record.Record.Attribute(RecordAttributes.Grading).Should().Be(nameof(SecurityGrading.Confidential));
        attached.Head.Grading.Should().Be(SecurityGrading.Confidential);
        (await office.Engine.GetUncheckedAsync(file)).Grading.Should().Be(SecurityGrading.Confidential);
        var noting = await office.Engine.WriteNotingAsync(TestOffice.Sunita, file, NotingContent.Number("The letter is placed below."));
        noting.Head.Grading.Should().Be(SecurityGrading.Confidential, "notes written after it carry the file's new grading");
        (await new FileFlow.Audit.StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task The_raised_file_cannot_be_forwarded_to_a_post_whose_holder_is_not_cleared_and_nothing_is_stored()
    {
        var (office, file, _) = await ConfidentialPaperInOrdinaryFileAsync();
        var before = await office.Engine.GetUncheckedAsync(file);

        var leak = async () => await office.Engine.FireAsync(new DocumentAction(file, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.AccountsAssistant });

        var error = (await leak.Should().ThrowAsync<InsufficientClearanceException>()).Which;
        error.Post.Should().Be(TestOffice.AccountsAssistant);
        error.Grading.Should().Be(SecurityGrading.Confidential);
        (await office.Engine.GetUncheckedAsync(file)).Should().Be(before);
        var cleared = await office.Engine.FireAsync(new DocumentAction(file, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary });
        cleared.Head.Holder.Should().Be(TestOffice.UnderSecretary);
    }

    [Fact]
    public async Task The_raised_file_is_left_out_of_an_uncleared_officers_listings_and_refused_to_their_reads()
    {
        var (office, file, _) = await ConfidentialPaperInOrdinaryFileAsync();

        (await office.Engine.QueryAsync(TestOffice.Karan, new DocumentQuery { Kind = DocumentKind.File })).Items.Should().BeEmpty();
        (await office.Engine.QueryAsync(TestOffice.Arvind, new DocumentQuery { Kind = DocumentKind.File })).Items.Select(h => h.Id).Should().Equal(file);
        (await office.Engine.InboxAsync(TestOffice.Sunita, new DocumentQuery { Kind = DocumentKind.File })).Items.Select(h => h.Id).Should().Equal(file);
        var read = async () => await office.Engine.GetAsync(file, TestOffice.Karan);
        (await read.Should().ThrowAsync<InsufficientClearanceException>()).Which.Officer.Should().Be(TestOffice.Karan);
    }

    [Fact]
    public async Task Putting_an_ungraded_receipt_in_a_secret_file_leaves_the_file_secret()
    {
        var office = TestOffice.Create();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile() with { Grading = SecurityGrading.Secret });

        var attached = await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Head.Id });

        attached.Record.Record.Attribute(RecordAttributes.Grading).Should().BeNull();
        attached.Head.Grading.Should().Be(SecurityGrading.Secret);
    }
}
