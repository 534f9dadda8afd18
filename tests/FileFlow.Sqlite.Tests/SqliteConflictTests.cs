using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Sqlite.Tests;

/// <summary>
/// Appends are written first and checked by the keys; these pin that a conflict found that way still raises exactly the error the
/// validating path names, and leaves neither a record nor a gap in the positions.
/// </summary>
public sealed class SqliteConflictTests : IAsyncLifetime
{
    private readonly TempDatabase database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_new_action_at_a_taken_sequence_names_the_actual_sequence_and_stores_nothing()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        var file = await office.OpenFileAsync();
        var forwarded = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        var rival = new SignedRecord(forwarded.Record.Record with { ActionId = Guid.NewGuid() }, forwarded.Record.CanonicalBytes, forwarded.Record.Signature);

        var error = (await FluentActions.Awaiting(() => store.AppendAsync([new RecordAppend(rival, forwarded.Head)]).AsTask())
            .Should().ThrowAsync<ConcurrencyException>()).Which;

        error.ExpectedSequence.Should().Be(0);
        error.ActualSequence.Should().Be(1);
        (await Positions(store)).Should().Equal(0L, 1L);
    }

    [Fact]
    public async Task An_append_to_a_document_that_does_not_exist_names_sequence_minus_one_and_leaves_no_gap()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        var scratch = TestOffice.Create();
        var elsewhere = await scratch.OpenFileAsync();
        var moved = await scratch.Engine.FireAsync(new DocumentAction(elsewhere.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });

        var error = (await FluentActions.Awaiting(() => store.AppendAsync([new RecordAppend(moved.Record, moved.Head)]).AsTask())
            .Should().ThrowAsync<ConcurrencyException>()).Which;

        error.ExpectedSequence.Should().Be(0);
        error.ActualSequence.Should().Be(-1);
        (await store.GetHeadAsync(elsewhere.Id)).Should().BeNull();
        (await Positions(store)).Should().BeEmpty();
        await office.OpenFileAsync();
        (await Positions(store)).Should().Equal(0L);
    }

    [Fact]
    public async Task The_same_action_again_at_the_next_sequence_is_a_duplicate_and_stores_nothing()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        var file = await office.OpenFileAsync();
        var forwarded = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        var again = new SignedRecord(forwarded.Record.Record with { Sequence = 2, PreviousHash = forwarded.Record.Hash }, forwarded.Record.CanonicalBytes, forwarded.Record.Signature);

        var error = (await FluentActions.Awaiting(() => store.AppendAsync([new RecordAppend(again, forwarded.Head with { Sequence = 2 })]).AsTask())
            .Should().ThrowAsync<DuplicateActionException>()).Which;

        error.ActionId.Should().Be(forwarded.Record.Record.ActionId);
        (await store.GetHeadAsync(file.Id)).Should().Be(forwarded.Head);
        (await Positions(store)).Should().Equal(0L, 1L);
    }

    [Fact]
    public async Task A_batch_that_skips_a_sequence_is_refused_whole()
    {
        var store = await database.OpenAsync();
        var scratch = TestOffice.Create();
        var file = await scratch.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
        var forwarded = await scratch.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        var approved = await scratch.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita));

        var error = (await FluentActions.Awaiting(() => store.AppendAsync([new RecordAppend(file.Record, file.Head), new RecordAppend(approved.Record, approved.Head)]).AsTask())
            .Should().ThrowAsync<ConcurrencyException>()).Which;

        error.ExpectedSequence.Should().Be(1);
        error.ActualSequence.Should().Be(0);
        (await store.GetHeadAsync(file.Head.Id)).Should().BeNull();
        await store.AppendAsync([new RecordAppend(file.Record, file.Head), new RecordAppend(forwarded.Record, forwarded.Head), new RecordAppend(approved.Record, approved.Head)]);
        (await store.GetHeadAsync(file.Head.Id)).Should().Be(approved.Head);
        (await Positions(store)).Should().Equal(0L, 1L, 2L);
    }

    private static async Task<List<long>> Positions(IDocumentStore store)
    {
        var positions = new List<long>();
        await foreach (var record in store.ReadAllAsync())
        {
            positions.Add(record.Position);
        }

        return positions;
    }
}
