using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

public sealed class FileFlowEngineRetryTests
{
    [Fact]
    public async Task A_retry_whose_first_attempt_lands_between_the_engines_checks_returns_the_landed_record_not_NotCurrentHolder()
    {
        // Regression: two processes retrying one forward. The first landed while the second was starting, then the second read the
        // moved head and refused the action because Sunita no longer held the file. The engine looks up no action id before it
        // tries an action, so the race now sits at the head's read: the first attempt lands just before it.
        var (office, store, action) = await RetryingForwardAsync(landBeforeRead: true);

        var retry = await office.Engine.FireAsync(action);

        await ShouldBeTheLandedForwardAsync(retry, store, action);
    }

    [Fact]
    public async Task A_retry_whose_first_attempt_lands_after_it_read_the_head_returns_the_landed_record_not_a_conflict()
    {
        var (office, store, action) = await RetryingForwardAsync(landBeforeRead: false);

        var retry = await office.Engine.FireAsync(action);

        await ShouldBeTheLandedForwardAsync(retry, store, action);
    }

    [Fact]
    public async Task A_store_failure_during_an_action_is_rethrown_as_it_is_without_looking_for_a_landed_action()
    {
        // Only a refusal can be a retry meeting its own landed action; a store that fails is not asked again (that would hide its error).
        var store = new FailingAppendStore(new InMemoryDocumentStore());
        var office = TestOffice.Create(store);
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        store.Fail = true;

        var act = () => office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary });

        await act.Should().ThrowAsync<IOException>().WithMessage("the disk went away");
        store.Lookups.Should().Be(0);
        (await store.GetHeadAsync(file.Id))!.Sequence.Should().Be(file.Sequence);
    }

    private static async Task<(TestOffice Office, LandsWhileLoadingStore Store, DocumentAction Action)> RetryingForwardAsync(bool landBeforeRead)
    {
        var store = new LandsWhileLoadingStore(new InMemoryDocumentStore(), landBeforeRead);
        var office = TestOffice.Create(store);
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var action = new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary };
        var firstAttempt = TestOffice.Create(store.Memory);
        firstAttempt.Clock.SetUtcNow(office.Clock.GetUtcNow());
        store.OnLoad = () => firstAttempt.Engine.FireAsync(action);
        return (office, store, action);
    }

    private static async Task ShouldBeTheLandedForwardAsync(ActionResult retry, LandsWhileLoadingStore store, DocumentAction action)
    {
        retry.Replayed.Should().BeTrue();
        var stored = await store.Memory.FindActionAsync(action.ActionId);
        stored.Should().ContainSingle();
        retry.Record.Hash.Should().Be(stored[0].Hash);
        retry.Head.Sequence.Should().Be(2);
    }

    /// <summary>Runs another attempt of the action when the engine first reads a head: just before the read, or just after it.</summary>
    private sealed class LandsWhileLoadingStore(InMemoryDocumentStore inner, bool landBeforeRead) : DelegatingStore(inner)
    {
        public InMemoryDocumentStore Memory { get; } = inner;

        public Func<Task>? OnLoad { get; set; }

        public override async ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default)
        {
            var other = OnLoad;
            OnLoad = null;
            if (landBeforeRead && other is not null)
            {
                await other();
            }

            var head = await Inner.GetHeadAsync(id, cancellationToken);
            if (!landBeforeRead && other is not null)
            {
                await other();
            }

            return head;
        }
    }

    /// <summary>Fails every append with an I/O error once told to, and counts action-id lookups.</summary>
    private sealed class FailingAppendStore(InMemoryDocumentStore inner) : DelegatingStore(inner)
    {
        public bool Fail { get; set; }

        public int Lookups { get; private set; }

        public override ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default) =>
            Fail ? throw new IOException("the disk went away") : base.AppendAsync(batch, cancellationToken);

        public override ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default)
        {
            Lookups++;
            return base.FindActionAsync(actionId, cancellationToken);
        }
    }
}
