using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

public sealed class NotingAndReceiptTests
{
    [Fact]
    public async Task A_noting_is_the_authors_editable_draft_until_the_file_moves_then_frozen()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var noting = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Shri Ramesh Kumar has applied for 10 days' medical leave."));
        noting.Head.State.Should().Be(DocumentState.Draft);
        noting.Head.Parent.Should().Be(file.Id);

        var edited = await office.Engine.FireAsync(new DocumentAction(noting.Head.Id, DocumentTrigger.Edit, TestOffice.Ramesh)
        {
            Paragraphs = NotingContent.Number("Shri Ramesh Kumar has applied for 10 days' medical leave.", "A medical certificate is attached."),
        });
        edited.Record.Record.ContentHash.Should().NotBe(noting.Record.Record.ContentHash);

        var forwarded = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        forwarded.Related.Should().ContainSingle().Which.Record.Trigger.Should().Be(DocumentTrigger.Forward);
        var frozen = await office.Engine.GetUncheckedAsync(noting.Head.Id);
        frozen.State.Should().Be(DocumentState.Forwarded);

        var edit = async () => await office.Engine.FireAsync(new DocumentAction(noting.Head.Id, DocumentTrigger.Edit, TestOffice.Ramesh) { Paragraphs = NotingContent.Number("changed") });
        await edit.Should().ThrowAsync<TransitionNotPermittedException>();
    }

    [Fact]
    public async Task A_head_gives_its_reference_typed_a_file_its_FileNumber_and_a_receipt_its_DiaryNumber()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        var noting = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Put up."));

        file.FileNumber.Should().NotBeNull().And.Be(FileNumber.Parse(file.Reference!));
        file.FileNumber!.ToString().Should().Be(file.Reference);
        file.DiaryNumber.Should().BeNull();
        receipt.Head.DiaryNumber.Should().NotBeNull();
        receipt.Head.DiaryNumber!.ToString().Should().Be(receipt.Head.Reference);
        receipt.Head.FileNumber.Should().BeNull();
        noting.Head.FileNumber.Should().BeNull();
        noting.Head.DiaryNumber.Should().BeNull();
        FileNumber.TryParse("7/2026/EST", out _).Should().BeFalse();
        DiaryNumber.TryParse(file.Reference, out _).Should().BeFalse();
        FileNumber.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public async Task Only_the_author_edits_a_draft_noting()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var noting = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Draft."));
        var act = async () => await office.Engine.FireAsync(new DocumentAction(noting.Head.Id, DocumentTrigger.Edit, TestOffice.Sunita) { Paragraphs = NotingContent.Number("Mine now.") });
        await act.Should().ThrowAsync<NotCurrentHolderException>();
    }

    [Fact]
    public async Task Only_the_files_holder_writes_notings_on_it()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var act = async () => await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Late thought."));
        await act.Should().ThrowAsync<NotCurrentHolderException>();
        var closed = await office.FileInStateAsync(DocumentState.Closed);
        var onClosed = async () => await office.Engine.WriteNotingAsync(TestOffice.Ramesh, closed.Id, NotingContent.Number("After closure."));
        await onClosed.Should().ThrowAsync<InvalidActionException>();
    }

    [Fact]
    public async Task Notings_are_decided_and_closed_with_their_file()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var daNote = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Put up for sanction."));
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var soNote = await office.Engine.WriteNotingAsync(TestOffice.Sunita, file.Id, NotingContent.Number("Recommended."));
        await office.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Sunita);

        (await office.Engine.GetUncheckedAsync(daNote.Head.Id)).State.Should().Be(DocumentState.Approved);
        (await office.Engine.GetUncheckedAsync(soNote.Head.Id)).State.Should().Be(DocumentState.Forwarded, "the SO's own draft froze when she decided; notings frozen earlier are approved");

        await office.FireAsync(file.Id, DocumentTrigger.Return, TestOffice.Sunita);
        await office.FireAsync(file.Id, DocumentTrigger.Close, TestOffice.Ramesh);
        (await office.Engine.GetUncheckedAsync(daNote.Head.Id)).State.Should().Be(DocumentState.Closed);
        (await office.Engine.GetUncheckedAsync(soNote.Head.Id)).State.Should().Be(DocumentState.Closed);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_draft_noting_can_be_discarded_by_its_author()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var noting = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Wrong file."));
        var discarded = await office.FireAsync(noting.Head.Id, DocumentTrigger.Discard, TestOffice.Ramesh);
        discarded.State.Should().Be(DocumentState.Discarded);
        var forwarded = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        forwarded.Related.Should().BeEmpty();
    }

    [Fact]
    public async Task A_receipt_put_in_a_file_travels_with_it_in_one_atomic_action()
    {
        var office = TestOffice.Create();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        receipt.Head.Reference.Should().Be("1/2026/EST");
        var file = await office.OpenFileAsync();

        var attach = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Head.Id });

        attach.Head.State.Should().Be(DocumentState.Draft);
        attach.Record.Record.Attribute(RecordAttributes.Receipt).Should().Be(receipt.Head.Id.ToString());
        var put = attach.Related.Should().ContainSingle().Which.Record;
        put.Trigger.Should().Be(DocumentTrigger.PutInFile);
        put.ActionId.Should().Be(attach.Record.Record.ActionId);
        var receiptHead = await office.Engine.GetUncheckedAsync(receipt.Head.Id);
        receiptHead.State.Should().Be(DocumentState.Attached);
        receiptHead.Parent.Should().Be(file.Id);

        var again = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Head.Id });
        await again.Should().ThrowAsync<TransitionNotPermittedException>();
    }

    [Fact]
    public async Task A_receipt_held_by_someone_else_cannot_be_put_in_the_file_and_nothing_is_stored()
    {
        var office = TestOffice.Create();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Karan, TestOffice.AccountsAssistant, TestOffice.LeaveApplication() with { Section = "ACC" });
        var file = await office.OpenFileAsync();
        var before = ((InMemoryDocumentStore)office.Store).Count;

        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Head.Id });

        await act.Should().ThrowAsync<NotCurrentHolderException>();
        ((InMemoryDocumentStore)office.Store).Count.Should().Be(before);
        (await office.Engine.GetUncheckedAsync(file.Id)).Should().Be(file);
    }

    [Fact]
    public async Task A_receipts_application_attributes_are_signed_into_its_creation_record_and_part_of_its_request()
    {
        var office = TestOffice.Create();
        var scanned = TestOffice.LeaveApplication() with
        {
            Attributes = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string> { ["desk.scan.sha256"] = new string('a', 64) }),
        };
        var actionId = Guid.NewGuid();

        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, scanned, actionId);

        receipt.Record.Record.Attribute("desk.scan.sha256").Should().Be(new string('a', 64));
        (await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, scanned, actionId)).Head.Id.Should().Be(receipt.Head.Id, "a retry applies once");
        var other = async () => await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication(), actionId);
        await other.Should().ThrowAsync<ActionIdReusedException>("the same action id with a different scan is a different request");
    }

    [Fact]
    public async Task A_receipt_attribute_with_a_key_FileFlow_reserves_is_refused_and_nothing_is_stored()
    {
        var office = TestOffice.Create();
        var forged = TestOffice.LeaveApplication() with
        {
            Attributes = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string> { [RecordAttributes.Subject] = "forged" }),
        };

        var act = async () => await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, forged);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain($"'{RecordAttributes.Subject}' is reserved");
        ((InMemoryDocumentStore)office.Store).Count.Should().Be(0);
    }
}
