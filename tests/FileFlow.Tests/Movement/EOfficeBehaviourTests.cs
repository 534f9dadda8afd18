using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Movement;

public sealed class EOfficeBehaviourTests
{
    private static Task<VerificationReport> VerifyAsync(TestOffice office) => new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);

    [Fact]
    public async Task Pull_back_is_allowed_before_the_recipient_opens_and_refused_after_with_the_typed_error()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        (await office.FireAsync(file.Id, DocumentTrigger.Recall, TestOffice.Ramesh)).State.Should().Be(DocumentState.Recalled);

        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var opened = await office.Engine.MarkOpenedAsync(file.Id, TestOffice.Sunita);
        opened!.Record.Record.Trigger.Should().Be(DocumentTrigger.Open);
        (await office.Engine.MarkOpenedAsync(file.Id, TestOffice.Sunita)).Should().BeNull("opening is recorded once");
        var before = ((InMemoryDocumentStore)office.Store).Count;

        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Recall, TestOffice.Ramesh));
        var error = (await act.Should().ThrowAsync<PullBackRefusedException>()).Which;
        error.Opened.Should().BeTrue();
        ((InMemoryDocumentStore)office.Store).Count.Should().Be(before);
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Only_the_creator_or_an_administrator_closes_a_file()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Approved);   // with the section officer
        var byOther = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Close, TestOffice.Sunita));
        (await byOther.Should().ThrowAsync<CloseNotPermittedException>()).Which.Creator.Should().Be(TestOffice.DealingAssistant);

        var byAdmin = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Close, TestOffice.Neha));
        byAdmin.Head.State.Should().Be(DocumentState.Closed);
        byAdmin.Record.Record.Capacity.Should().Be(ActingCapacity.Administrator);

        var second = await office.FileInStateAsync(DocumentState.Approved);
        await office.FireAsync(second.Id, DocumentTrigger.Return, TestOffice.Sunita);
        (await office.FireAsync(second.Id, DocumentTrigger.Close, TestOffice.Ramesh)).State.Should().Be(DocumentState.Closed);
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_yellow_note_is_edited_then_confirmed_into_a_green_note_that_freezes_when_the_file_moves()
    {
        var office = TestOffice.Create();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);   // with the section officer
        // The dealing assistant drafts a yellow note for the section officer to correct.
        var yellow = await office.Engine.WriteYellowNoteAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Draft: leave may be sanctioned."));
        yellow.Head.State.Should().Be(DocumentState.Yellow);
        yellow.Head.Holder.Should().Be(TestOffice.SectionOfficer);
        await office.Engine.FireAsync(new DocumentAction(yellow.Head.Id, DocumentTrigger.Edit, TestOffice.Ramesh) { Paragraphs = NotingContent.Number("Draft: 10 days' leave may be sanctioned.") });
        await office.Engine.FireAsync(new DocumentAction(yellow.Head.Id, DocumentTrigger.Edit, TestOffice.Sunita) { Paragraphs = NotingContent.Number("10 days' medical leave may be sanctioned.") });

        var green = await office.FireAsync(yellow.Head.Id, DocumentTrigger.Confirm, TestOffice.Sunita);
        green.State.Should().Be(DocumentState.Draft);
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        (await office.Engine.GetUncheckedAsync(yellow.Head.Id)).State.Should().Be(DocumentState.Forwarded);
        var edit = async () => await office.Engine.FireAsync(new DocumentAction(yellow.Head.Id, DocumentTrigger.Edit, TestOffice.Sunita) { Paragraphs = NotingContent.Number("changed") });
        await edit.Should().ThrowAsync<TransitionNotPermittedException>();
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Notes_link_to_receipts_other_notes_and_paragraphs_and_the_links_are_signed()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        var first = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, [new NotingParagraph(1, "Application received.") { References = [receipt.Head.Id] }]);
        var second = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, [new NotingParagraph(1, "As at para 1 above.") { Links = [new NoteLink(first.Head.Id, 1)] }]);
        var content = NotingContent.Decode(second.Record.Content!.Value.Span);
        content[0].Links.Should().Equal(new NoteLink(first.Head.Id, 1));
        NotingContent.Decode(first.Record.Content!.Value.Span)[0].References.Should().Equal(receipt.Head.Id);
        second.Record.Record.ContentHash.Should().NotBeNull();
    }

    [Fact]
    public async Task A_draft_is_edited_approved_issued_inside_as_a_receipt_with_the_reference_back_or_dispatched_with_a_number()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var draft = await office.Engine.DraftForApprovalAsync(TestOffice.Ramesh, file.Id, "Sanction of medical leave", NotingContent.Number("Sanction is accorded."));
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var edited = await office.Engine.FireAsync(new DocumentAction(draft.Head.Id, DocumentTrigger.Edit, TestOffice.Sunita) { Paragraphs = NotingContent.Number("Sanction is hereby accorded to 10 days' medical leave.") });
        edited.Record.Record.ContentHash.Should().NotBe(draft.Record.Record.ContentHash, "each version is kept and hashed");
        await office.FireAsync(draft.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita);

        var issued = await office.Engine.FireAsync(new DocumentAction(draft.Head.Id, DocumentTrigger.Issue, TestOffice.Sunita) { Recipient = TestOffice.AccountsOfficer });
        issued.Head.State.Should().Be(DocumentState.Issued);
        var arrived = issued.Related.Should().ContainSingle().Which.Record;
        arrived.Kind.Should().Be(DocumentKind.Receipt);
        arrived.Holder.Should().Be(TestOffice.AccountsOfficer);
        arrived.Attribute(RecordAttributes.IssuedFrom).Should().Be(draft.Head.Id.ToString());
        arrived.Attribute(RecordAttributes.IssuedFromFile).Should().Be(file.Reference);
        (await office.Engine.InboxAsync(TestOffice.Pooja, new DocumentQuery())).Items.Should().Contain(h => h.Id == arrived.DocumentId);

        var second = await office.Engine.DraftForApprovalAsync(TestOffice.Sunita, file.Id, "Intimation to AG", NotingContent.Number("Forwarded for information."));
        await office.FireAsync(second.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita);
        var dispatched = await office.Engine.FireAsync(new DocumentAction(second.Head.Id, DocumentTrigger.Dispatch, TestOffice.Sunita) { Addressee = "Accountant General (A&E), Prayagraj" });
        dispatched.Head.State.Should().Be(DocumentState.Dispatched);
        dispatched.Record.Record.Attribute(RecordAttributes.DispatchNumber).Should().Be("D-1/2026/EST");
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_physical_receipt_must_be_received_before_anything_else_and_can_go_to_several_recipients()
    {
        var office = TestOffice.Create();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication(ReceiptMedium.Physical));
        var sent = await office.Engine.FireAsync(new DocumentAction(receipt.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer, CopyTo = [TestOffice.AccountsOfficer] });
        sent.Head.AwaitingReceipt.Should().BeTrue();
        var copy = sent.Related.Should().ContainSingle().Which.Record;
        copy.Attribute(RecordAttributes.CopyOf).Should().Be(receipt.Head.Id.ToString());
        copy.Holder.Should().Be(TestOffice.AccountsOfficer);
        copy.Attribute(RecordAttributes.DiaryNumber).Should().NotBe(receipt.Head.Reference);

        var early = async () => await office.Engine.FireAsync(new DocumentAction(receipt.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita));
        await early.Should().ThrowAsync<NotReceivedException>();
        await office.FireAsync(receipt.Head.Id, DocumentTrigger.Receive, TestOffice.Sunita);
        (await office.FireAsync(receipt.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita)).State.Should().Be(DocumentState.Approved);
        var fileCopies = async () => await office.Engine.FireAsync(new DocumentAction((await office.OpenFileAsync()).Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer, CopyTo = [TestOffice.AccountsOfficer] });
        await fileCopies.Should().ThrowAsync<InvalidActionException>();
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Parked_files_keep_a_park_history()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        await office.FireAsync(file.Id, DocumentTrigger.Park, TestOffice.Ramesh, reason: "Awaiting court order");
        await office.FireAsync(file.Id, DocumentTrigger.Reopen, TestOffice.Ramesh);
        await office.FireAsync(file.Id, DocumentTrigger.Park, TestOffice.Ramesh);
        var history = await office.Engine.ParkHistoryUncheckedAsync(file.Id);
        history.Should().HaveCount(2);
        history[0].Reason.Should().Be("Awaiting court order");
        history[0].EndedAt.Should().NotBeNull();
        history[1].EndedAt.Should().BeNull();
    }

    [Fact]
    public async Task Transfer_of_an_inbox_of_many_files_moves_all_once_in_one_signed_operation_and_verifies()
    {
        var office = TestOffice.Create();
        var ids = new List<DocumentId>();
        for (var i = 0; i < 120; i++)
        {
            ids.Add((await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile($"File {i}"))).Head.Id);
        }

        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        var notAdmin = async () => await office.Engine.TransferAsync(TestOffice.Sunita, TestOffice.DealingAssistant, TestOffice.AccountsAssistant, "transfer");
        await notAdmin.Should().ThrowAsync<NotAdministratorException>();

        var actionId = Guid.NewGuid();
        var moved = await office.Engine.TransferAsync(TestOffice.Neha, TestOffice.DealingAssistant, TestOffice.AccountsAssistant, "Ramesh Kumar transferred to the district office", actionId);
        moved.Select(m => m.DocumentId).Should().BeEquivalentTo(ids.Append(receipt.Head.Id));
        moved.Select(m => m.Record.Record.ActionId).Distinct().Should().Equal(actionId);
        var again = await office.Engine.TransferAsync(TestOffice.Neha, TestOffice.DealingAssistant, TestOffice.AccountsAssistant, "Ramesh Kumar transferred to the district office", actionId);
        again.Should().HaveCount(121, "a retry returns the same operation");
        var reused = async () => await office.Engine.TransferAsync(TestOffice.Neha, TestOffice.DealingAssistant, TestOffice.AccountsAssistant, "another reason", actionId);
        await reused.Should().ThrowAsync<ActionIdReusedException>("the id is the first transfer's, asked again with another reason");

        (await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.DealingAssistant, PendingOnly = true })).Items.Should().BeEmpty();
        var inbox = await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.AccountsAssistant, Limit = 1000 });
        inbox.Items.Should().HaveCount(121);
        var report = await VerifyAsync(office);
        report.Failures.Should().BeEmpty();
        report.Records.Should().Be(242);
        var history = new List<FileFlow.Records.SignedRecord>();
        await foreach (var r in office.Engine.HistoryUncheckedAsync(ids[7]))
        {
            history.Add(r);
        }

        history[^1].Record.Trigger.Should().Be(DocumentTrigger.Transfer);
        history[^1].Record.Attribute(RecordAttributes.TransferredFrom).Should().Be("EST-DA");
    }

    [Fact]
    public async Task A_confidential_file_does_not_appear_in_the_inbox_of_an_officer_without_clearance()
    {
        var office = TestOffice.Create(extend: b => b.Delegate(new Delegation(TestOffice.SectionOfficer, TestOffice.AccountsAssistant, TestOffice.Start, TestOffice.Start.AddDays(30)) { Concurrent = true }));
        var secret = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("Vigilance enquiry") with { Grading = SecurityGrading.Confidential });
        var normal = await office.OpenFileAsync();
        await office.FireAsync(secret.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.FireAsync(normal.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);

        (await office.Engine.InboxAsync(TestOffice.Sunita, new DocumentQuery())).Items.Select(h => h.Id).Should().BeEquivalentTo([secret.Head.Id, normal.Id]);
        // Karan acts for the section officer under a delegation but has no clearance: he sees only the normal file.
        (await office.Engine.InboxAsync(TestOffice.Karan, new DocumentQuery())).Items.Select(h => h.Id).Should().Equal(normal.Id);
        var toUncleared = async () => await office.Engine.FireAsync(new DocumentAction(secret.Head.Id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.AccountsOfficer });
        await toUncleared.Should().ThrowAsync<InsufficientClearanceException>();
    }

    [Fact]
    public async Task Parts_and_volumes_carry_the_main_files_number()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var part = await office.Engine.OpenPartAsync(TestOffice.Ramesh, file.Id);
        var part2 = await office.Engine.OpenPartAsync(TestOffice.Ramesh, file.Id);
        var volume = await office.Engine.OpenVolumeAsync(TestOffice.Ramesh, file.Id);
        part.Head.Reference.Should().Be(file.Reference + "/PART-1");
        part2.Head.Reference.Should().Be(file.Reference + "/PART-2");
        volume.Head.Reference.Should().Be(file.Reference + "/VOL-2");
        part.Head.Parent.Should().Be(file.Id);
        FileNumber.Parse(part2.Head.Reference!).Part.Should().Be(2);
        FileNumber.Parse(volume.Head.Reference!).Volume.Should().Be(2);
    }
}
