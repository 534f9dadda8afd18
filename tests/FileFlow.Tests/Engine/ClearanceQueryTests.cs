using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

/// <summary>Security grading in every listing an officer asks for: inbox, pending, search, a file's contents, a file's history.</summary>
public sealed class ClearanceQueryTests
{
    // Karan (accounts assistant, no clearance) holds current charge of the section officer's post; Sunita (the section officer) is cleared for confidential.
    private static TestOffice Office() =>
        TestOffice.Create(extend: b => b.Delegate(new Delegation(TestOffice.SectionOfficer, TestOffice.AccountsAssistant, TestOffice.Start, TestOffice.Start.AddDays(30)) { Concurrent = true }));

    private static async Task<(List<DocumentId> Confidential, List<DocumentId> Normal)> InterleavedAsync(TestOffice office, int pairs)
    {
        var confidential = new List<DocumentId>();
        var normal = new List<DocumentId>();
        for (var i = 0; i < pairs; i++)
        {
            // Three confidential files then one normal: a filter after the store query would leave pages mostly empty.
            for (var j = 0; j < 3; j++)
            {
                var c = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile($"Vigilance enquiry {i}.{j}") with { Grading = SecurityGrading.Confidential });
                await office.FireAsync(c.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
                confidential.Add(c.Head.Id);
            }

            var n = await office.OpenFileAsync($"Medical leave {i}");
            await office.FireAsync(n.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
            normal.Add(n.Id);
        }

        return (confidential, normal);
    }

    private static async Task<List<DocumentId>> AllPagesAsync(Func<DocumentQuery, Task<Page<DocumentHead>>> query, int limit)
    {
        var seen = new List<DocumentId>();
        var q = new DocumentQuery { Kind = DocumentKind.File, Limit = limit };
        while (true)
        {
            var page = await query(q);
            seen.AddRange(page.Items.Select(h => h.Id));
            if (page.ContinuationToken is null)
            {
                return seen;
            }

            page.Items.Should().HaveCount(limit, "every page but the last is full");
            q = q with { After = page.ContinuationToken };
        }
    }

    [Fact]
    public async Task A_confidential_file_is_left_out_of_the_inbox_of_an_uncleared_officer_and_pages_stay_full()
    {
        var office = Office();
        var (confidential, normal) = await InterleavedAsync(office, 6);

        var first = await office.Engine.InboxAsync(TestOffice.Karan, new DocumentQuery { Kind = DocumentKind.File, Limit = 4 });
        first.Items.Select(h => h.Id).Should().Equal(normal.Take(4), "the first page is full of what Karan may see");
        (await AllPagesAsync(q => office.Engine.InboxAsync(TestOffice.Karan, q), 4)).Should().Equal(normal);
        (await AllPagesAsync(q => office.Engine.InboxAsync(TestOffice.Sunita, q), 5)).Should().BeEquivalentTo(confidential.Concat(normal));
        (await AllPagesAsync(q => office.Engine.InboxAsync(TestOffice.Sunita, q with { MaxGrading = SecurityGrading.Normal }), 5))
            .Should().Equal(normal, "an officer may ask for less than their clearance");
    }

    [Fact]
    public async Task Pending_and_search_listings_leave_out_what_the_officer_is_not_cleared_for()
    {
        var office = Office();
        var (confidential, normal) = await InterleavedAsync(office, 3);

        (await AllPagesAsync(q => office.Engine.QueryAsync(TestOffice.Karan, q with { PendingOnly = true }), 2)).Should().Equal(normal);
        (await AllPagesAsync(q => office.Engine.QueryAsync(TestOffice.Meera, q with { PendingOnly = true }), 2)).Should().BeEquivalentTo(confidential.Concat(normal));
        (await office.Engine.QueryAsync(TestOffice.Karan, new DocumentQuery { Text = "Vigilance" })).Items.Should().BeEmpty();
        (await office.Engine.QueryAsync(TestOffice.Sunita, new DocumentQuery { Text = "Vigilance" })).Items.Select(h => h.Id).Should().Equal(confidential);
        (await office.Engine.QueryAsync(TestOffice.Karan, new DocumentQuery { Text = "HEALTH/EST/LEAVE/", Limit = 2 })).Items.Select(h => h.Id).Should().Equal(normal.Take(2));
        var unknown = async () => await office.Engine.QueryAsync(new OfficerId("nobody"), new DocumentQuery());
        await unknown.Should().ThrowAsync<UnknownOfficerException>();
    }

    [Fact]
    public async Task A_graded_files_contents_and_history_are_refused_to_an_uncleared_officer_with_the_typed_error()
    {
        var office = Office();
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("Vigilance enquiry") with { Grading = SecurityGrading.Secret });
        var noting = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Head.Id, NotingContent.Number("Report of the enquiry officer is placed below."));
        noting.Head.Grading.Should().Be(SecurityGrading.Secret, "a graded file's notes carry its grading");
        await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.JointSecretary);

        var history = async () =>
        {
            await foreach (var r in office.Engine.HistoryAsync(file.Head.Id, TestOffice.Sunita))
            {
                _ = r;
            }
        };
        var error = (await history.Should().ThrowAsync<InsufficientClearanceException>()).Which;
        error.Officer.Should().Be(TestOffice.Sunita);
        error.Clearance.Should().Be(SecurityGrading.Confidential);
        error.Grading.Should().Be(SecurityGrading.Secret);
        error.DocumentId.Should().Be(file.Head.Id);
        await ((Func<Task>)(async () => await office.Engine.FileDocumentsAsync(TestOffice.Sunita, file.Head.Id, new DocumentQuery()))).Should().ThrowAsync<InsufficientClearanceException>();
        await ((Func<Task>)(async () => await office.Engine.GetAsync(file.Head.Id, TestOffice.Karan))).Should().ThrowAsync<InsufficientClearanceException>();
        await ((Func<Task>)(async () => await office.Engine.ParkHistoryAsync(file.Head.Id, TestOffice.Karan))).Should().ThrowAsync<InsufficientClearanceException>();
        (await office.Engine.ParkHistoryAsync(file.Head.Id, TestOffice.Meera)).Should().BeEmpty();
        (await office.Engine.QueryAsync(TestOffice.Sunita, new DocumentQuery { Parent = file.Head.Id })).Items.Should().BeEmpty("the notes of a secret file are secret too");

        var records = new List<SignedRecord>();
        await foreach (var r in office.Engine.HistoryAsync(file.Head.Id, TestOffice.Meera))
        {
            records.Add(r);
        }

        records.Select(r => r.Record.Trigger).Should().Equal(DocumentTrigger.Create, DocumentTrigger.Forward);
        (await office.Engine.FileDocumentsAsync(TestOffice.Meera, file.Head.Id, new DocumentQuery())).Items.Select(h => h.Id).Should().Equal(noting.Head.Id);
        (await office.Engine.GetAsync(file.Head.Id, TestOffice.Ramesh)).Id.Should().Be(file.Head.Id, "the officer who opened it has seen it");
    }

    [Fact]
    public async Task An_uncleared_delegate_cannot_act_on_a_confidential_file_in_the_post_he_holds_charge_of_and_nothing_is_stored()
    {
        var office = Office();
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("Vigilance enquiry") with { Grading = SecurityGrading.Confidential });
        var forwarded = await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var store = (InMemoryDocumentStore)office.Store;
        var before = store.Count;

        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, TestOffice.Karan) { Recipient = TestOffice.UnderSecretary });
        (await act.Should().ThrowAsync<InsufficientClearanceException>()).Which.Officer.Should().Be(TestOffice.Karan);
        var note = async () => await office.Engine.WriteNotingAsync(TestOffice.Karan, file.Head.Id, NotingContent.Number("Seen."));
        await note.Should().ThrowAsync<InsufficientClearanceException>();
        var draft = async () => await office.Engine.DraftForApprovalAsync(TestOffice.Karan, file.Head.Id, "Order", NotingContent.Number("Ordered."));
        await draft.Should().ThrowAsync<InsufficientClearanceException>();
        store.Count.Should().Be(before);
        (await office.Store.GetHeadAsync(file.Head.Id)).Should().Be(forwarded);

        (await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary)).Holder.Should().Be(TestOffice.UnderSecretary);
    }

    [Fact]
    public async Task A_confidential_files_draft_is_confidential_and_so_is_the_receipt_it_is_issued_as()
    {
        var office = TestOffice.Create();
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("Disciplinary proceedings") with { Grading = SecurityGrading.Confidential });
        await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var draft = await office.Engine.DraftForApprovalAsync(TestOffice.Sunita, file.Head.Id, "Charge sheet", NotingContent.Number("Charges are framed as under."));
        draft.Head.Grading.Should().Be(SecurityGrading.Confidential);
        await office.FireAsync(draft.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita);

        var toUncleared = async () => await office.Engine.FireAsync(new DocumentAction(draft.Head.Id, DocumentTrigger.Issue, TestOffice.Sunita) { Recipient = TestOffice.AccountsOfficer });
        await toUncleared.Should().ThrowAsync<InsufficientClearanceException>("Pooja, the accounts officer, is not cleared");
        var issued = await office.Engine.FireAsync(new DocumentAction(draft.Head.Id, DocumentTrigger.Issue, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary });
        var arrived = issued.Related.Should().ContainSingle().Which;
        (await office.Store.GetHeadAsync(arrived.DocumentId))!.Grading.Should().Be(SecurityGrading.Confidential);
    }
}
