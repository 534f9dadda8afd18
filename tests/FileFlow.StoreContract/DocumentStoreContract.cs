using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.StoreContract;

/// <summary>
/// What every <see cref="IDocumentStore"/> must do. A store's test class derives from this and supplies a fresh, empty store;
/// the tests run unchanged against the in-memory, SQLite and PostgreSQL stores.
/// </summary>
public abstract class DocumentStoreContract
{
    /// <summary>Creates a fresh, empty store.</summary>
    protected abstract Task<IDocumentStore> CreateStoreAsync();

    private async Task<TestOffice> OfficeAsync() => TestOffice.Create(await CreateStoreAsync());

    private static async Task<List<SignedRecord>> StreamAsync(IDocumentStore store, DocumentId id)
    {
        var list = new List<SignedRecord>();
        await foreach (var r in store.ReadStreamAsync(id))
        {
            list.Add(r);
        }

        return list;
    }

    private static async Task<List<SignedRecord>> AllAsync(IDocumentStore store, long from = 0)
    {
        var list = new List<SignedRecord>();
        await foreach (var r in store.ReadAllAsync(from))
        {
            list.Add(r);
        }

        return list;
    }

    [Fact]
    public async Task GetHead_of_unknown_document_is_null_and_its_stream_is_empty()
    {
        var store = await CreateStoreAsync();
        var id = DocumentId.New();
        (await store.GetHeadAsync(id)).Should().BeNull();
        (await StreamAsync(store, id)).Should().BeEmpty();
        (await store.FindActionAsync(Guid.NewGuid())).Should().BeEmpty();
    }

    [Fact]
    public async Task Appended_records_read_back_byte_for_byte_in_sequence_order()
    {
        var office = await OfficeAsync();
        var file = await office.OpenFileAsync();
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var last = await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);

        var stream = await StreamAsync(office.Store, file.Id);
        stream.Select(r => r.Sequence).Should().Equal(0, 1, 2);
        stream.Select(r => r.Record.Trigger).Should().Equal(DocumentTrigger.Create, DocumentTrigger.Forward, DocumentTrigger.Forward);
        foreach (var r in stream)
        {
            RecordCodec.Encode(r.Record).Should().Equal(r.CanonicalBytes.ToArray());
            r.Signature.Value.Should().NotBeEmpty();
        }

        stream[1].Record.PreviousHash.Should().Be(stream[0].Hash);
        stream[2].Record.PreviousHash.Should().Be(stream[1].Hash);
        (await office.Store.GetHeadAsync(file.Id)).Should().Be(last);
    }

    [Fact]
    public async Task Append_at_a_stale_sequence_throws_ConcurrencyException_and_stores_nothing()
    {
        var office = await OfficeAsync();
        var file = await office.OpenFileAsync();
        var forwarded = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });

        // Replaying the same append (now stale) must be refused.
        var act = async () => await office.Store.AppendAsync([new RecordAppend(forwarded.Record, forwarded.Head)]);
        var error = (await act.Should().ThrowAsync<FileFlowException>()).Which;
        error.Should().Match(e => e is ConcurrencyException || e is DuplicateActionException);
        (await StreamAsync(office.Store, file.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Creating_a_document_that_exists_conflicts_with_actual_sequence()
    {
        var office = await OfficeAsync();
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
        var twin = new SignedRecord(file.Record.Record with { ActionId = Guid.NewGuid() }, file.Record.CanonicalBytes, file.Record.Signature);
        var act = async () => await office.Store.AppendAsync([new RecordAppend(twin, file.Head)]);
        var error = (await act.Should().ThrowAsync<ConcurrencyException>()).Which;
        error.ExpectedSequence.Should().Be(-1);
        error.ActualSequence.Should().Be(0);
        error.DocumentId.Should().Be(file.Head.Id);
    }

    [Fact]
    public async Task A_batch_is_all_or_nothing()
    {
        var office = await OfficeAsync();
        var a = await office.OpenFileAsync("File A");
        var b = await office.OpenFileAsync("File B");
        var forwardA = await office.Engine.FireAsync(new DocumentAction(a.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });

        // A second file appended together with a stale record of A: nothing of the batch may land.
        var otherStore = await CreateStoreAsync();
        var scratch = TestOffice.Create(otherStore);
        var c = await scratch.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("File C"));
        var act = async () => await office.Store.AppendAsync([new RecordAppend(c.Record, c.Head), new RecordAppend(forwardA.Record, forwardA.Head)]);
        await act.Should().ThrowAsync<FileFlowException>();
        (await office.Store.GetHeadAsync(c.Head.Id)).Should().BeNull();
        (await StreamAsync(office.Store, c.Head.Id)).Should().BeEmpty();
        (await AllAsync(office.Store)).Should().HaveCount(3);
        (await office.Store.GetHeadAsync(b.Id)).Should().Be(b);
    }

    [Fact]
    public async Task ReadAll_returns_every_record_in_append_order_with_contiguous_positions()
    {
        var office = await OfficeAsync();
        var a = await office.OpenFileAsync("A");
        var b = await office.OpenFileAsync("B");
        await office.FireAsync(a.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.FireAsync(b.Id, DocumentTrigger.Park, TestOffice.Ramesh);

        var all = await AllAsync(office.Store);
        all.Select(r => r.Position).Should().Equal(0, 1, 2, 3);
        all.Select(r => (r.DocumentId, r.Sequence)).Should().Equal((a.Id, 0L), (b.Id, 0L), (a.Id, 1L), (b.Id, 1L));
        (await AllAsync(office.Store, 2)).Select(r => r.Position).Should().Equal(2, 3);
    }

    [Fact]
    public async Task FindAction_returns_the_records_an_action_produced()
    {
        var office = await OfficeAsync();
        var file = await office.OpenFileAsync();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        var attach = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Head.Id });

        var found = await office.Store.FindActionAsync(attach.Record.Record.ActionId);
        found.Select(r => r.DocumentId).Should().BeEquivalentTo([file.Id, receipt.Head.Id]);
    }

    [Fact]
    public async Task The_same_action_on_the_same_document_is_refused_as_a_duplicate()
    {
        var office = await OfficeAsync();
        var file = await office.OpenFileAsync();
        var forward = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        var head = await office.Store.GetHeadAsync(file.Id);
        var again = forward.Record.Record with { Sequence = 2, PreviousHash = head!.LastHash };
        var bytes = RecordCodec.Encode(again);
        var signed = new SignedRecord(again, bytes, forward.Record.Signature);
        var act = async () => await office.Store.AppendAsync([new RecordAppend(signed, DocumentProjection.Apply(head, again, signed.Hash))]);
        await act.Should().ThrowAsync<DuplicateActionException>();
        (await StreamAsync(office.Store, file.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task An_action_id_already_stored_is_refused_on_another_document_as_a_duplicate()
    {
        var office = await OfficeAsync();
        var first = await office.OpenFileAsync("First");
        var second = await office.OpenFileAsync("Second");
        var forward = await office.Engine.FireAsync(new DocumentAction(first.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        var head = await office.Store.GetHeadAsync(second.Id);
        var reused = forward.Record.Record with { DocumentId = second.Id, Sequence = head!.Sequence + 1, PreviousHash = head.LastHash };
        var signed = new SignedRecord(reused, RecordCodec.Encode(reused), forward.Record.Signature);

        var act = async () => await office.Store.AppendAsync([new RecordAppend(signed, DocumentProjection.Apply(head, reused, signed.Hash))]);

        var error = (await act.Should().ThrowAsync<DuplicateActionException>()).Which;
        error.ActionId.Should().Be(forward.Record.Record.ActionId);
        error.DocumentId.Should().Be(second.Id);
        (await StreamAsync(office.Store, second.Id)).Should().HaveCount(1);
        (await office.Store.GetHeadAsync(second.Id)).Should().Be(head);
    }

    [Fact]
    public async Task Fresh_actions_look_up_no_action_id_and_retries_and_reused_ids_still_find_what_landed()
    {
        var store = new ActionLookups(await CreateStoreAsync());
        var office = TestOffice.Create(store);
        var file = await office.OpenFileAsync("First");
        var other = await office.OpenFileAsync("Second");
        await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Put up for orders."));
        var forward = new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer };
        var first = await office.Engine.FireAsync(forward);
        store.Lookups.Should().Be(0, "an id the engine made, or one the store's key guards, needs no lookup before the append");

        await office.FireAsync(file.Id, DocumentTrigger.Return, TestOffice.Sunita, TestOffice.DealingAssistant);
        var stored = await AllAsync(store);
        var retry = await office.Engine.FireAsync(forward);
        var reuse = async () => await office.Engine.FireAsync(forward with { DocumentId = other.Id });

        retry.Replayed.Should().BeTrue("the file moved on after the forward landed; the retry returns the forward, it does not move the file again");
        retry.Record.Hash.Should().Be(first.Record.Hash);
        (await reuse.Should().ThrowAsync<ActionIdReusedException>()).Which.LandedOn.Should().Be(file.Id);
        (await AllAsync(store)).Should().HaveCount(stored.Count, "neither the retry nor the reused id stored anything");
        (await office.Store.GetHeadAsync(other.Id))!.State.Should().Be(DocumentState.Draft);
    }

    [Fact]
    public async Task Inbox_query_filters_by_holder_and_state_oldest_first()
    {
        var office = await OfficeAsync();
        var first = await office.FileInStateAsync(DocumentState.Forwarded);
        var second = await office.FileInStateAsync(DocumentState.Forwarded);
        await office.FileInStateAsync(DocumentState.Draft);

        var inbox = await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.SectionOfficer, State = DocumentState.Forwarded });
        inbox.Items.Select(h => h.Id).Should().Equal(first.Id, second.Id);
        inbox.ContinuationToken.Should().BeNull();
        var drafts = await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.DealingAssistant, Kind = DocumentKind.File });
        drafts.Items.Should().ContainSingle().Which.State.Should().Be(DocumentState.Draft);
    }

    [Fact]
    public async Task Query_pages_with_continuation_tokens_without_gaps_or_repeats()
    {
        var office = await OfficeAsync();
        var opened = new List<DocumentId>();
        for (var i = 0; i < 7; i++)
        {
            opened.Add((await office.OpenFileAsync($"File {i}")).Id);
        }

        var seen = new List<DocumentId>();
        var query = new DocumentQuery { Holder = TestOffice.DealingAssistant, Limit = 3 };
        var pages = 0;
        while (true)
        {
            var page = await office.Store.QueryAsync(query);
            pages++;
            page.Items.Count.Should().BeLessThanOrEqualTo(3);
            seen.AddRange(page.Items.Select(h => h.Id));
            if (page.ContinuationToken is null)
            {
                break;
            }

            query = query with { After = page.ContinuationToken };
        }

        pages.Should().Be(3);
        seen.Should().Equal(opened);
    }

    [Fact]
    public async Task Query_by_parent_and_service_finds_notings_and_service_files()
    {
        var office = await OfficeAsync();
        var file = await office.OpenFileAsync();
        var noting = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Leave is due as per rules."));
        var gpf = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "GPF", "GPF advance") { ServiceId = "gpf" });

        var notings = await office.Store.QueryAsync(new DocumentQuery { Parent = file.Id });
        notings.Items.Should().ContainSingle().Which.Id.Should().Be(noting.Head.Id);
        var service = await office.Store.QueryAsync(new DocumentQuery { ServiceId = "gpf" });
        service.Items.Should().ContainSingle().Which.Id.Should().Be(gpf.Head.Id);
    }

    [Fact]
    public async Task Noting_content_and_Devanagari_subjects_round_trip()
    {
        var office = await OfficeAsync();
        var file = await office.OpenFileAsync("चिकित्सा अवकाश की स्वीकृति — श्री रमेश कुमार");
        var noting = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("अवकाश नियमानुसार देय है।", "Put up for orders."));

        var stored = (await StreamAsync(office.Store, noting.Head.Id)).Single();
        NotingContent.Decode(stored.Content!.Value.Span).Select(p => p.Text).Should().Equal("अवकाश नियमानुसार देय है।", "Put up for orders.");
        (await office.Store.GetHeadAsync(file.Id))!.Subject.Should().Be("चिकित्सा अवकाश की स्वीकृति — श्री रमेश कुमार");
    }

    [Fact]
    public async Task Serial_counters_are_independent_per_scope_and_start_at_one()
    {
        var store = await CreateStoreAsync();
        (await store.NextSerialAsync("a")).Should().Be(1);
        (await store.NextSerialAsync("a")).Should().Be(2);
        (await store.NextSerialAsync("b")).Should().Be(1);
        (await store.NextSerialAsync("a")).Should().Be(3);
    }

    [Fact]
    public async Task An_append_takes_the_counter_values_it_claims_and_a_peek_takes_none()
    {
        var store = await CreateStoreAsync();
        var scratch = TestOffice.Create(await CreateStoreAsync());
        var c = await scratch.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("File C"));
        (await store.PeekSerialAsync("s")).Should().Be(1);
        (await store.PeekSerialAsync("s")).Should().Be(1, "a peek takes nothing");

        await store.AppendAsync([new RecordAppend(c.Record, c.Head) { Serials = [new SerialClaim("s", 1), new SerialClaim("s", 2), new SerialClaim("t", 1)] }]);

        (await store.PeekSerialAsync("s")).Should().Be(3);
        (await store.NextSerialAsync("s")).Should().Be(3);
        (await store.NextSerialAsync("t")).Should().Be(2);
    }

    [Fact]
    public async Task An_append_claiming_a_counter_value_already_taken_throws_SerialTaken_and_stores_nothing()
    {
        var store = await CreateStoreAsync();
        var scratch = TestOffice.Create(await CreateStoreAsync());
        var c = await scratch.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("File C"));
        (await store.NextSerialAsync("s")).Should().Be(1);

        var act = async () => await store.AppendAsync([new RecordAppend(c.Record, c.Head) { Serials = [new SerialClaim("t", 1), new SerialClaim("s", 1)] }]);

        var error = (await act.Should().ThrowAsync<SerialTakenException>()).Which;
        error.Scope.Should().Be("s");
        error.Value.Should().Be(1);
        (await store.GetHeadAsync(c.Head.Id)).Should().BeNull();
        (await AllAsync(store)).Should().BeEmpty();
        (await store.PeekSerialAsync("t")).Should().Be(1, "the counter claimed before the taken one did not move either");
        (await store.NextSerialAsync("s")).Should().Be(2);
    }

    [Fact]
    public async Task A_refused_opening_takes_no_file_number_and_the_register_has_no_gap()
    {
        var office = await OfficeAsync();
        var first = await office.OpenFileAsync("First");

        var refused = async () => await office.Engine.OpenFileAsync(TestOffice.Karan, TestOffice.DealingAssistant, TestOffice.LeaveFile("Refused"));
        await refused.Should().ThrowAsync<NotCurrentHolderException>();
        var second = await office.OpenFileAsync("Second");

        FileNumber.Parse(first.Reference!).Serial.Should().Be(1);
        FileNumber.Parse(second.Reference!).Serial.Should().Be(2);
    }

    [Fact]
    public async Task A_file_raised_to_the_grading_of_a_paper_put_in_it_is_stored_so_and_filtered_by_MaxGrading()
    {
        var office = await OfficeAsync();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication() with { Grading = SecurityGrading.Confidential });
        var file = await office.OpenFileAsync();

        var attached = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Head.Id });

        (await office.Store.GetHeadAsync(file.Id)).Should().Be(attached.Head);
        attached.Head.Grading.Should().Be(SecurityGrading.Confidential);
        (await office.Store.QueryAsync(new DocumentQuery { Kind = DocumentKind.File, MaxGrading = SecurityGrading.Normal })).Items.Should().BeEmpty();
        (await office.Store.QueryAsync(new DocumentQuery { Kind = DocumentKind.File, MaxGrading = SecurityGrading.Confidential })).Items.Select(h => h.Id).Should().Equal(file.Id);
    }

    [Fact]
    public async Task Concurrent_actions_on_one_document_land_exactly_once()
    {
        var office = await OfficeAsync();
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = i % 2 == 0 ? TestOffice.UnderSecretary : TestOffice.JointSecretary });
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
            catch (NotCurrentHolderException)
            {
                return false;
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(tasks);

        outcomes.Count(landed => landed).Should().Be(1);
        (await StreamAsync(office.Store, file.Id)).Select(r => r.Sequence).Should().Equal(0, 1, 2);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_whole_store_of_signed_actions_verifies()
    {
        var office = await OfficeAsync();
        foreach (var state in new[] { DocumentState.Approved, DocumentState.Rejected, DocumentState.Returned, DocumentState.Recalled, DocumentState.Closed })
        {
            await office.FileInStateAsync(state);
        }

        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        report.Documents.Should().Be(5);
        report.Records.Should().Be(14); // 3 + 3 + 3 + 3 + 2
    }

    [Fact]
    public async Task PendingOnly_leaves_out_closed_files()
    {
        var office = await OfficeAsync();
        var open = await office.FileInStateAsync(DocumentState.Draft);
        await office.FileInStateAsync(DocumentState.Closed);

        var pending = await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.DealingAssistant, PendingOnly = true });
        pending.Items.Select(h => h.Id).Should().Equal(open.Id);
    }

    [Fact]
    public async Task PendingOnly_leaves_out_notings_frozen_into_a_file_that_moved_on()
    {
        var office = await OfficeAsync();
        var file = (await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("Frozen notes"))).Head.Id;
        var noting = (await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file, NotingContent.Number("Leave is due. Put up for sanction."))).Head.Id;
        office.Tick();

        var beforeMove = await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.DealingAssistant, PendingOnly = true });
        beforeMove.Items.Select(h => h.Id).Should().BeEquivalentTo([file, noting], "a draft noting is still its author's to edit");

        await office.Engine.FireAsync(new DocumentAction(file, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });

        (await office.Store.GetHeadAsync(noting))!.State.Should().Be(DocumentState.Forwarded, "the noting froze with the file's move");
        (await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.DealingAssistant, PendingOnly = true })).Items.Should().BeEmpty("a frozen noting travels with its file and waits in no inbox");
        (await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.SectionOfficer, PendingOnly = true })).Items.Select(h => h.Id).Should().Equal(file);
        (await office.Store.QueryAsync(new DocumentQuery { Parent = file })).Items.Select(h => h.Id).Should().Contain(noting, "the noting is still listed with its file");
    }

    [Fact]
    public async Task MaxGrading_leaves_out_documents_graded_above_it_and_keeps_pages_full()
    {
        var office = await OfficeAsync();
        var gradings = new[] { SecurityGrading.Normal, SecurityGrading.Confidential, SecurityGrading.Secret, SecurityGrading.TopSecret };
        var opened = new List<(DocumentId Id, SecurityGrading Grading)>();
        for (var i = 0; i < 12; i++)
        {
            var grading = gradings[i % gradings.Length];
            var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile($"Graded file {i}") with { Grading = grading });
            opened.Add((file.Head.Id, grading));
            office.Tick();
        }

        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication() with { Grading = SecurityGrading.Secret });
        opened.Add((receipt.Head.Id, SecurityGrading.Secret));

        foreach (var ceiling in gradings)
        {
            var expected = opened.Where(d => d.Grading <= ceiling).Select(d => d.Id).ToList();
            var seen = new List<DocumentId>();
            var query = new DocumentQuery { Holder = TestOffice.DealingAssistant, PendingOnly = true, MaxGrading = ceiling, Limit = 2 };
            while (true)
            {
                var page = await office.Store.QueryAsync(query);
                seen.AddRange(page.Items.Select(h => h.Id));
                page.Items.Should().OnlyContain(h => h.Grading <= ceiling);
                if (page.ContinuationToken is null)
                {
                    break;
                }

                page.Items.Should().HaveCount(2, "a page with more to come is full: the ceiling is applied in the query, not after it");
                query = query with { After = page.ContinuationToken };
            }

            seen.Should().Equal(expected, $"a ceiling of {ceiling} lists exactly the documents graded at or below it, in order");
        }

        (await office.Store.QueryAsync(new DocumentQuery { Kind = DocumentKind.Receipt, MaxGrading = SecurityGrading.Confidential })).Items.Should().BeEmpty();
        (await office.Store.QueryAsync(new DocumentQuery { Text = "Graded file 1", MaxGrading = SecurityGrading.Normal })).Items.Should().BeEmpty("file 1 is confidential (and files 10 and 11 are graded above normal too)");
        (await office.Store.QueryAsync(new DocumentQuery { Limit = 100 })).Items.Should().HaveCount(13, "no ceiling lists every grading");
    }

    [Fact]
    public async Task Text_search_matches_file_number_prefix_and_subject_in_any_script()
    {
        var office = await OfficeAsync();
        var hindi = await office.OpenFileAsync("पेन्शन की स्वीकृति — श्रीमती कमला देवी");
        var english = await office.OpenFileAsync("GPF advance of Shri Mohan Lal");

        (await office.Store.QueryAsync(new DocumentQuery { Text = "स्वीकृति" })).Items.Select(h => h.Id).Should().Equal(hindi.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "gpf ADVANCE" })).Items.Select(h => h.Id).Should().Equal(english.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = english.Reference! })).Items.Select(h => h.Id).Should().Equal(english.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "HEALTH/EST/LEAVE/" })).Items.Should().HaveCount(2);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "no such words" })).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Text_search_finds_a_subject_substring_inside_words_in_Devanagari_and_Latin()
    {
        var office = await OfficeAsync();
        var medical = await office.OpenFileAsync("चिकित्सा अवकाश स्वीकृति — श्री रमेश कुमार");
        var earned = await office.OpenFileAsync("अर्जित अवकाश नकदीकरण");
        var english = await office.OpenFileAsync("GPF advance of Shri Mohan Lal");

        (await office.Store.QueryAsync(new DocumentQuery { Text = "अवकाश" })).Items.Select(h => h.Id).Should().Equal(medical.Id, earned.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "वकाश नक" })).Items.Select(h => h.Id).Should().Equal(earned.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "dVANce OF" })).Items.Select(h => h.Id).Should().Equal(english.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "अवकाश स्वीकृत" })).Items.Select(h => h.Id).Should().Equal(medical.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "अवकाश अर्जित" })).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Text_search_shorter_than_three_characters_still_matches_subjects()
    {
        var office = await OfficeAsync();
        var hindi = await office.OpenFileAsync("अर्जित अवकाश");
        var english = await office.OpenFileAsync("GPF advance of Shri Mohan Lal");

        (await office.Store.QueryAsync(new DocumentQuery { Text = "pf" })).Items.Select(h => h.Id).Should().Equal(english.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "ज" })).Items.Select(h => h.Id).Should().Equal(hindi.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "a" })).Items.Select(h => h.Id).Should().Equal(english.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "zq" })).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Text_search_treats_quotes_and_search_operators_as_plain_text()
    {
        var office = await OfficeAsync();
        var quoted = await office.OpenFileAsync("Reply to the \"urgent\" query AND/OR NEAR* (part 2)");
        await office.OpenFileAsync("Urgent query on part 2");

        (await office.Store.QueryAsync(new DocumentQuery { Text = "\"urgent\"" })).Items.Select(h => h.Id).Should().Equal(quoted.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "and/or near*" })).Items.Select(h => h.Id).Should().Equal(quoted.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "\"" })).Items.Select(h => h.Id).Should().Equal(quoted.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "(part" })).Items.Select(h => h.Id).Should().Equal(quoted.Id);
        (await office.Store.QueryAsync(new DocumentQuery { Text = "urgent OR reply" })).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Text_search_combines_with_the_holder_filter_and_pages_in_order()
    {
        var office = await OfficeAsync();
        var first = await office.OpenFileAsync("अर्जित अवकाश — एक");
        var moved = await office.OpenFileAsync("अर्जित अवकाश — दो");
        var third = await office.OpenFileAsync("अर्जित अवकाश — तीन");
        await office.OpenFileAsync("GPF advance");
        await office.FireAsync(moved.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);

        var page = await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.DealingAssistant, Text = "अवकाश", Limit = 1 });
        page.Items.Select(h => h.Id).Should().Equal(first.Id);
        var next = await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.DealingAssistant, Text = "अवकाश", Limit = 1, After = page.ContinuationToken });
        next.Items.Select(h => h.Id).Should().Equal(third.Id);
        next.ContinuationToken.Should().BeNull();
        (await office.Store.QueryAsync(new DocumentQuery { Holder = TestOffice.SectionOfficer, Text = "अवकाश" })).Items.Select(h => h.Id).Should().Equal(moved.Id);
    }

    [Fact]
    public async Task Pendency_counts_pending_files_by_holder_and_by_service()
    {
        var office = await OfficeAsync();
        await office.FileInStateAsync(DocumentState.Forwarded);
        await office.FileInStateAsync(DocumentState.Forwarded);
        await office.FileInStateAsync(DocumentState.Draft);
        await office.FileInStateAsync(DocumentState.Closed);
        await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "GPF", "GPF advance") { ServiceId = "gpf" });

        var byHolder = await office.Store.PendencyAsync(PendencyGrouping.Holder);
        byHolder.Select(c => (c.Key, c.Count)).Should().Equal(("EST-DA", 2L), ("EST-SO", 2L));
        var byService = await office.Store.PendencyAsync(PendencyGrouping.Service);
        byService.Select(c => (c.Key, c.Count)).Should().Equal(("", 3L), ("gpf", 1L));
        byHolder[0].OldestSince.Should().BeBefore(office.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Service_heads_keep_due_dates_escalation_and_pauses_and_equal_their_replay()
    {
        var office = TestOffice.WithServices(await CreateStoreAsync());
        var inputs = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["payMonth"] = "2026-03", ["grossAmount"] = "56000",
        });
        var late = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "PAY", "Salary for March") { ServiceId = "salary", Inputs = inputs });
        var paused = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "PAY", "Salary for April") { ServiceId = "salary", Inputs = inputs.SetItem("payMonth", "2026-04") });
        await office.FireAsync(paused.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(paused.Head.Id, DocumentTrigger.ReturnToApplicant, TestOffice.Sunita, reason: "Attendance certificate missing");
        office.Clock.Advance(TimeSpan.FromDays(8));

        var due = await office.Store.QueryAsync(new DocumentQuery { DueBefore = office.Clock.GetUtcNow(), PendingOnly = true });
        due.Items.Select(h => h.Id).Should().BeEquivalentTo([late.Head.Id, paused.Head.Id]);
        (await office.Store.QueryAsync(new DocumentQuery { DueBefore = late.Head.DueAt })).Items.Should().BeEmpty();

        var escalated = await office.Engine.EscalateOverdueAsync();
        escalated.Select(e => e.Head.Id).Should().Equal(late.Head.Id);

        var lateHead = await office.Store.GetHeadAsync(late.Head.Id);
        lateHead!.EscalationLevel.Should().Be(1);
        lateHead.ServiceVersion.Should().Be(1);
        lateHead.Authority.Should().Be("head-of-office");
        lateHead.Holder.Should().Be(TestOffice.JointSecretary);
        var pausedHead = await office.Store.GetHeadAsync(paused.Head.Id);
        pausedHead!.PausedAt.Should().NotBeNull();
        pausedHead.SentBy.Should().Be(TestOffice.DealingAssistant);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.Failures.Should().BeEmpty("stored heads must equal the heads replayed from the records");
    }

    /// <summary>Counts the engine's action-id lookups.</summary>
    private sealed class ActionLookups(IDocumentStore inner) : DelegatingStore(inner)
    {
        private int lookups;

        public int Lookups => Volatile.Read(ref lookups);

        public override ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref lookups);
            return Inner.FindActionAsync(actionId, cancellationToken);
        }
    }
}
