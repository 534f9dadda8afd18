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
        // Regression: two processes retrying one forward. The second looked for the action (not there yet), the first landed,
        // then the second read the moved head and refused the action because Sunita no longer held the file.
        var store = new LandsWhileLookingStore(new InMemoryDocumentStore());
        var office = TestOffice.Create(store);
        var file = await office.FileInStateAsync(DocumentState.Forwarded);
        var action = new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = TestOffice.UnderSecretary };
        var firstAttempt = TestOffice.Create(store.Memory);
        firstAttempt.Clock.SetUtcNow(office.Clock.GetUtcNow());
        store.OnLookup = () => firstAttempt.Engine.FireAsync(action);

        var retry = await office.Engine.FireAsync(action);

        retry.Replayed.Should().BeTrue();
        var stored = await store.Memory.FindActionAsync(action.ActionId);
        stored.Should().ContainSingle();
        retry.Record.Hash.Should().Be(stored[0].Hash);
        retry.Head.Sequence.Should().Be(2);
    }

    /// <summary>Runs another attempt of the action right after the engine's first look-up of it has come back empty.</summary>
    private sealed class LandsWhileLookingStore(InMemoryDocumentStore inner) : DelegatingStore(inner)
    {
        public InMemoryDocumentStore Memory { get; } = inner;

        public Func<Task>? OnLookup { get; set; }

        public override async ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default)
        {
            var found = await Inner.FindActionAsync(actionId, cancellationToken);
            if (OnLookup is { } other)
            {
                OnLookup = null;
                await other();
            }

            return found;
        }
    }
}
