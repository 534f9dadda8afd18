using System.Collections.Immutable;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Authority;

/// <summary>Signs a record the engine refused with the actor's own key and appends it straight to the store, behind the engine's back.</summary>
internal static class Forgery
{
    public static async Task<TransitionRecord> AppendAsync(
        TestOffice office, DocumentId id, DocumentTrigger trigger, OfficerId actor, PostId actingAs, ActingCapacity capacity, DocumentState to, PostId holder,
        IReadOnlyDictionary<string, string>? attributes = null)
    {
        var head = (await office.Store.GetHeadAsync(id))!;
        var signer = office.Signers.GetSigner(actor);
        var record = new TransitionRecord
        {
            DocumentId = id,
            Kind = head.Kind,
            Sequence = head.Sequence + 1,
            ActionId = Guid.NewGuid(),
            Trigger = trigger,
            From = head.State,
            To = to,
            Actor = actor,
            ActingAs = actingAs,
            Capacity = capacity,
            Holder = holder,
            OccurredAt = RecordCodec.Normalize(office.Clock.GetUtcNow()),
            PreviousHash = head.LastHash,
            Attributes = (attributes ?? ImmutableSortedDictionary<string, string>.Empty).ToImmutableSortedDictionary(StringComparer.Ordinal),
            SignerKeyId = signer.KeyId,
        };
        var bytes = RecordCodec.Encode(record);
        var signed = new SignedRecord(record, bytes, await signer.SignAsync(bytes, record.OccurredAt));
        await office.Store.AppendAsync([new RecordAppend(signed, DocumentProjection.Apply(head, record, signed.Hash))]);
        return record;
    }

    /// <summary>Verifies the whole store and returns its single failure, which must name the forged record.</summary>
    public static async Task<VerificationFailure> SingleFailureAsync(TestOffice office, TransitionRecord forged)
    {
        var report = await new StoreVerifier(office.Keys, office.Chart, services: office.Engine.Services).VerifyAllAsync(office.Store);
        var failure = report.Failures.Should().ContainSingle().Which;
        failure.DocumentId.Should().Be(forged.DocumentId);
        failure.Sequence.Should().Be(forged.Sequence);
        failure.Kind.Should().Be(VerificationFailureKind.Unauthorised);
        return failure;
    }

    public static async Task VerifiesAsync(TestOffice office)
    {
        var report = await new StoreVerifier(office.Keys, office.Chart, services: office.Engine.Services).VerifyAllAsync(office.Store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
    }
}
