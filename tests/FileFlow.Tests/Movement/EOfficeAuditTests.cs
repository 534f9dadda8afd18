using System.Collections.Immutable;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;
using FileFlow.Tests.Audit;

namespace FileFlow.Tests.Movement;

/// <summary>The issue's deliverables tried as a new user of an e-office system would try them, beyond the first round of tests.</summary>
public sealed class EOfficeAuditTests
{
    private static Task<VerificationReport> VerifyAsync(TestOffice office) => new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);

    private static async Task<List<SignedRecord>> HistoryAsync(TestOffice office, DocumentId id)
    {
        var records = new List<SignedRecord>();
        await foreach (var r in office.Engine.HistoryUncheckedAsync(id))
        {
            records.Add(r);
        }

        return records;
    }

    [Fact]
    public async Task A_physical_receipts_copy_must_be_received_too_and_no_physical_receipt_goes_in_a_file_before_it_is_received()
    {
        var office = TestOffice.Create();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication(ReceiptMedium.Physical));
        var sent = await office.Engine.FireAsync(new DocumentAction(receipt.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer, CopyTo = [TestOffice.AccountsOfficer] });
        var copy = (await office.Store.GetHeadAsync(sent.Related.Single().DocumentId))!;
        copy.Physical.Should().BeTrue();
        copy.AwaitingReceipt.Should().BeTrue("a copy of a paper receipt sent to another post is on paper too");
        var early = async () => await office.Engine.FireAsync(new DocumentAction(copy.Id, DocumentTrigger.Forward, TestOffice.Pooja) { Recipient = TestOffice.AccountsAssistant });
        await early.Should().ThrowAsync<NotReceivedException>();

        // The section officer tries to put the original in a file before marking it received: refused, nothing stored.
        var file = (await office.Engine.OpenFileAsync(TestOffice.Sunita, TestOffice.SectionOfficer, TestOffice.LeaveFile())).Head;
        var store = (InMemoryDocumentStore)office.Store;
        var before = store.Count;
        var attach = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Sunita) { Receipt = receipt.Head.Id });
        (await attach.Should().ThrowAsync<NotReceivedException>()).Which.DocumentId.Should().Be(receipt.Head.Id);
        store.Count.Should().Be(before);

        await office.FireAsync(receipt.Head.Id, DocumentTrigger.Receive, TestOffice.Sunita);
        await office.FireAsync(copy.Id, DocumentTrigger.Receive, TestOffice.Pooja);
        await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Sunita) { Receipt = receipt.Head.Id });
        (await office.Store.GetHeadAsync(receipt.Head.Id))!.State.Should().Be(DocumentState.Attached);
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Transfer_of_more_than_a_page_of_files_with_their_notes_and_drafts_moves_each_once_and_the_store_verifies()
    {
        var office = TestOffice.Create();
        var files = new List<DocumentId>();
        var children = new List<DocumentId>();
        for (var i = 0; i < 520; i++)
        {
            var file = (await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile($"Leave file {i}"))).Head.Id;
            files.Add(file);
            children.Add((await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file, NotingContent.Number($"Note on file {i}."))).Head.Id);
        }

        children.Add((await office.Engine.DraftForApprovalAsync(TestOffice.Ramesh, files[0], "Sanction order", NotingContent.Number("Sanction is accorded."))).Head.Id);
        children.Add((await office.Engine.WriteYellowNoteAsync(TestOffice.Ramesh, files[1], NotingContent.Number("Draft for correction."))).Head.Id);
        var physical = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication(ReceiptMedium.Physical));
        var before = ((InMemoryDocumentStore)office.Store).Count;

        var moved = await office.Engine.TransferAsync(TestOffice.Neha, TestOffice.DealingAssistant, TestOffice.AccountsAssistant, "Ramesh Kumar relieved on transfer");
        var expected = files.Concat(children).Append(physical.Head.Id).ToList();
        moved.Should().HaveCount(expected.Count, "more than one page of 1,000 documents moves in the one operation");
        // Compared as sorted id strings: FluentAssertions' structural equivalence is quadratic over a thousand items.
        var sorted = expected.Select(id => id.ToString()).Order(StringComparer.Ordinal).ToList();
        moved.Select(m => m.DocumentId.ToString()).Order(StringComparer.Ordinal).Should().Equal(sorted, "each document moves exactly once");
        moved.Select(m => m.Record.Record.Attribute(RecordAttributes.TransferCount)).Distinct().Should().Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ((InMemoryDocumentStore)office.Store).Count.Should().Be(before + expected.Count);

        (await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.DealingAssistant, PendingOnly = true })).Items.Should().BeEmpty("nothing is left behind");
        var arrived = new List<DocumentId>();
        await foreach (var h in office.Store.QueryAllAsync(new DocumentQuery { Holder = TestOffice.AccountsAssistant, Limit = 1000 }))
        {
            arrived.Add(h.Id);
        }

        arrived.Select(id => id.ToString()).Order(StringComparer.Ordinal).Should().Equal(sorted);
        (await office.Store.GetHeadAsync(physical.Head.Id))!.AwaitingReceipt.Should().BeTrue("the new holder receives the paper");
        var report = await VerifyAsync(office);
        report.Failures.Should().BeEmpty();
        report.Records.Should().Be(before + expected.Count);

        // The new holder goes on where Ramesh stopped: edits his draft note and forwards the file, which freezes it.
        var edited = await office.Engine.FireAsync(new DocumentAction(children[0], DocumentTrigger.Edit, TestOffice.Karan) { Paragraphs = NotingContent.Number("Note on file 0, revised.") });
        edited.Record.Record.Capacity.Should().Be(ActingCapacity.Holder);
        await office.FireAsync(files[0], DocumentTrigger.Forward, TestOffice.Karan, TestOffice.AccountsOfficer);
        (await office.Store.GetHeadAsync(children[0]))!.State.Should().Be(DocumentState.Forwarded);
        (await HistoryAsync(office, children[0])).Select(r => r.Record.Trigger).Should().Equal(DocumentTrigger.Create, DocumentTrigger.Transfer, DocumentTrigger.Edit, DocumentTrigger.Forward);
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Each_version_of_a_draft_is_kept_with_its_own_hash_and_the_issued_receipt_carries_the_approved_text()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var versions = new[] { "Sanction is accorded.", "Sanction is hereby accorded.", "Sanction is hereby accorded to 10 days' medical leave." };
        var draft = await office.Engine.DraftForApprovalAsync(TestOffice.Ramesh, file.Id, "Sanction of medical leave", NotingContent.Number(versions[0]));
        await office.Engine.FireAsync(new DocumentAction(draft.Head.Id, DocumentTrigger.Edit, TestOffice.Ramesh) { Paragraphs = NotingContent.Number(versions[1]) });
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.Engine.FireAsync(new DocumentAction(draft.Head.Id, DocumentTrigger.Edit, TestOffice.Sunita) { Paragraphs = NotingContent.Number(versions[2]) });
        await office.FireAsync(draft.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita);
        var issued = await office.Engine.FireAsync(new DocumentAction(draft.Head.Id, DocumentTrigger.Issue, TestOffice.Sunita) { Recipient = TestOffice.AccountsOfficer });

        var history = await HistoryAsync(office, draft.Head.Id);
        var kept = history.Where(r => r.Content is not null).ToList();
        kept.Select(r => NotingContent.Decode(r.Content!.Value.Span)[0].Text).Should().Equal(versions);
        kept.Select(r => r.Record.ContentHash).Should().OnlyHaveUniqueItems();
        kept.Select(r => r.Record.ContentHash).Should().Equal(kept.Select(r => (Hash256?)Hash256.Compute(r.Content!.Value.ToArray())));
        kept.Select(r => r.Record.Actor).Should().Equal(TestOffice.Ramesh, TestOffice.Ramesh, TestOffice.Sunita);

        var arrived = issued.Related.Single();
        arrived.Record.ContentHash.Should().Be(kept[^1].Record.ContentHash, "the receipt carries the approved version");
        arrived.Record.Attribute(RecordAttributes.IssuedFrom).Should().Be(draft.Head.Id.ToString());
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Notes_links_survive_export_the_bundle_carries_the_linked_receipt_and_note_and_verifies_offline()
    {
        var office = BundleScenario.CmsOffice();
        var file = await office.OpenFileAsync();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Head.Id });
        var first = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, [new NotingParagraph(1, "Application at page 1/C.") { References = [receipt.Head.Id] }, new NotingParagraph(2, "Leave is due.")]);
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var second = await office.Engine.WriteNotingAsync(TestOffice.Sunita, file.Id, [new NotingParagraph(1, "As at para 2 above; recommended.") { Links = [new NoteLink(first.Head.Id, 2)], References = [receipt.Head.Id] }]);

        var path = BundleScenario.NewTempPath();
        try
        {
            var export = await BundleExporter.ExportAsync(office.Store, file.Id, BundleScenario.ExportOptions(office), path);
            export.Documents.Should().Contain([file.Id, receipt.Head.Id, first.Head.Id, second.Head.Id], "a link's target travels in the bundle with the note");
            var content = await File.ReadAllBytesAsync(BundleScenario.RecordPath(path, second.Head.Id, 0, "content"));
            var paragraphs = NotingContent.Decode(content);
            paragraphs[0].Links.Should().Equal(new NoteLink(first.Head.Id, 2));
            paragraphs[0].References.Should().Equal(receipt.Head.Id);
            NotingContent.Decode(await File.ReadAllBytesAsync(BundleScenario.RecordPath(path, first.Head.Id, 0, "content")))[0].References.Should().Equal(receipt.Head.Id);
            (await BundleVerifier.VerifyAsync(path, BundleScenario.RootOnly())).Failures.Should().BeEmpty("the links are inside the hashed, signed content");
        }
        finally
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_first_appeal_not_decided_in_its_limit_lies_to_the_second_authority_which_fines_both_officers_into_the_ledger()
    {
        var office = TestOffice.Create(options: new FileFlowEngineOptions { Services = FileFlow.Services.ServiceCatalog.LoadDefaults(), RequireAcknowledgment = true });
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "PAY", "Salary for March of Shri Karan Mehta") { ServiceId = "salary", Inputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string> { ["payMonth"] = "2026-03", ["grossAmount"] = "56000" }), Applicant = TestOffice.Karan });
        var id = opened.Head.Id;
        var ack = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Acknowledge, TestOffice.Ramesh));
        ack.Record.Record.Attribute(RecordAttributes.DueAt).Should().NotBeNull("the due date is written on the acknowledgment");
        ack.Record.Record.Attribute(RecordAttributes.ClockStart).Should().NotBeNull();

        // The designated officer lets the time pass; the applicant appeals against the default.
        office.Clock.Advance(TimeSpan.FromDays(9));
        var appeal = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Karan) { Reason = "Salary not paid in time" });
        appeal.Head.Holder.Should().Be(TestOffice.JointSecretary);
        var decideBy = appeal.Head.DueAt!.Value;
        decideBy.Should().Be(office.Clock.GetUtcNow().AddDays(30), "the first appeal is decided within its own limit");

        // Within that limit a second appeal is premature; after it, it lies.
        var premature = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, TestOffice.Karan));
        (await premature.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("still within its time");
        office.Clock.SetUtcNow(decideBy.AddDays(2));
        var second = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, TestOffice.Karan) { Reason = "First appeal not decided" });
        second.Head.State.Should().Be(DocumentState.UnderSecondAppeal);
        second.Head.Holder.Should().Be(TestOffice.Secretary);
        second.Record.Record.Attribute(RecordAttributes.DelayCause).Should().BeNull("filed within 60 days of the default");

        // Penalties on the designated officer and, separately, on the first appellate officer who was late; paid to the applicant.
        var order = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.AllowAppeal, TestOffice.Rajiv)
        {
            Reason = "Delay without cause at both levels; pay within 3 days",
            DeliverWithinDays = 3,
            Penalties = ImmutableSortedDictionary<string, decimal>.Empty.Add("arvind", 2500m).Add("meera", 1000m),
            Compensation = true,
        });
        order.Head.Holder.Should().Be(TestOffice.UnderSecretary);
        var imposed = await office.Engine.ImposedPenaltiesAsync();
        imposed.Select(p => (p.Officer, p.Amount, p.Compensation, p.OrderedBy)).Should().BeEquivalentTo([
            (TestOffice.Arvind, 2500m, true, TestOffice.Rajiv),
            (TestOffice.Meera, 1000m, true, TestOffice.Rajiv)]);
        imposed.GroupBy(p => p.Officer).Should().HaveCount(2, "each officer has their own line in the ledger");
        // Issue 14, defect 3: the per-day penalty accrues on the officers who held the file past its limits: the dealing assistant who never
        // put it up, and the first appellate officer once her own 30 days had passed; the head of office never had it.
        var accrued = await office.Engine.PenaltyLedgerAsync();
        accrued.Select(o => o.Officer).Should().BeEquivalentTo([TestOffice.Ramesh, TestOffice.Meera]);
        imposed.Single(p => p.Officer == TestOffice.Meera).Settles.Should().NotBeEmpty().And.OnlyContain(s => s.Officer == TestOffice.Meera);
        imposed.Single(p => p.Officer == TestOffice.Arvind).Settles.Should().BeEmpty("no delay on this file was charged to the head of office");
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_appeal_after_its_60_day_window_needs_cause_and_the_dismissal_says_whom_and_by_when()
    {
        var office = TestOffice.Create(options: new FileFlowEngineOptions { Services = FileFlow.Services.ServiceCatalog.LoadDefaults() });
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "PAY", "Salary") { ServiceId = "salary", Inputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string> { ["payMonth"] = "2026-03", ["grossAmount"] = "56000" }), Applicant = TestOffice.Karan });
        var id = opened.Head.Id;
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Sunita);
        await office.FireAsync(id, DocumentTrigger.Reject, TestOffice.Arvind, reason: "Not due");
        await office.FireAsync(id, DocumentTrigger.Appeal, TestOffice.Karan, reason: "It is due");
        var noReasons = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.DismissAppeal, TestOffice.Meera));
        await noReasons.Should().ThrowAsync<InvalidActionException>();
        var dismissed = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.DismissAppeal, TestOffice.Meera) { Reason = "Pay bill not yet passed by the treasury" });
        dismissed.Record.Record.Attribute(RecordAttributes.AppealTo).Should().Be(TestOffice.Secretary.Value);
        var by = DateTimeOffset.Parse(dismissed.Record.Record.Attribute(RecordAttributes.AppealBy)!, System.Globalization.CultureInfo.InvariantCulture);
        by.Should().Be(office.Clock.GetUtcNow().AddDays(60));

        office.Clock.SetUtcNow(by.AddDays(1));
        var late = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, TestOffice.Karan));
        (await late.Should().ThrowAsync<AppealWindowClosedException>()).Which.DocumentId.Should().Be(id);
        var withCause = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, TestOffice.Karan) { Reason = "The pay bill was passed", DelayCause = "Order received late by post" });
        withCause.Record.Record.Attribute(RecordAttributes.DelayCause).Should().Be("Order received late by post");
        (await VerifyAsync(office)).Failures.Should().BeEmpty();
    }
}
