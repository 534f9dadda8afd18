using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Audit;

public sealed class TamperDetectionTests
{
    private static async Task<(TestOffice Office, DocumentHead File, List<SignedRecord> Stream)> ApprovedFileAsync()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Leave is due. Put up for sanction."));
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        var approved = await office.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Arvind);
        var stream = new List<SignedRecord>();
        await foreach (var r in office.Store.ReadStreamAsync(file.Id))
        {
            stream.Add(r);
        }

        return (office, approved, stream);
    }

    private static Task<VerificationReport> VerifyAsync(TestOffice office, IDocumentStore store) =>
        new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store);

    [Fact]
    public async Task Untampered_store_verifies()
    {
        var (office, _, _) = await ApprovedFileAsync();
        var report = await VerifyAsync(office, office.Store);
        report.IsValid.Should().BeTrue();
        report.Records.Should().Be(7);
        report.Documents.Should().Be(2);
    }

    [Fact]
    public async Task Changing_any_byte_of_a_stored_record_is_detected_and_named()
    {
        var (office, file, stream) = await ApprovedFileAsync();
        var target = stream[2];
        for (var i = 0; i < target.CanonicalBytes.Length; i++)
        {
            var bytes = target.CanonicalBytes.ToArray();
            bytes[i] ^= 0x01;
            var store = new TamperingStore(office.Store) { Rewrite = r => r.Position == target.Position ? TamperingStore.WithBytes(r, bytes) : r };

            var report = await VerifyAsync(office, store);

            report.IsValid.Should().BeFalse($"byte {i} was flipped");
            report.Failures.Should().Contain(f => f.DocumentId == file.Id && f.Sequence == 2, $"byte {i} of record 2 was flipped");
        }
    }

    [Fact]
    public async Task Changing_any_byte_of_a_signature_is_detected_as_a_bad_signature()
    {
        var (office, file, stream) = await ApprovedFileAsync();
        var target = stream[1];
        for (var i = 0; i < target.Signature.Value.Length; i++)
        {
            var signature = (byte[])target.Signature.Value.Clone();
            signature[i] ^= 0x80;
            var store = new TamperingStore(office.Store) { Rewrite = r => r.Position == target.Position ? TamperingStore.WithSignature(r, signature) : r };

            var failure = (await VerifyAsync(office, store)).Failures.Should().ContainSingle().Which;

            failure.DocumentId.Should().Be(file.Id);
            failure.Sequence.Should().Be(1);
            failure.Kind.Should().Be(VerificationFailureKind.BadSignature);
        }
    }

    [Fact]
    public async Task Dropping_a_record_is_detected_at_its_sequence()
    {
        var (office, file, stream) = await ApprovedFileAsync();
        var store = new TamperingStore(office.Store) { Rewrite = r => r.Position == stream[2].Position ? null : r };
        var failures = (await VerifyAsync(office, store)).Failures;
        failures.Should().Contain(f => f.DocumentId == file.Id && f.Sequence == 3 && f.Kind == VerificationFailureKind.SequenceGap);
        failures.Should().Contain(f => f.Kind == VerificationFailureKind.Missing, "the global log has a hole");
    }

    [Fact]
    public async Task Dropping_the_last_record_is_caught_by_the_stored_head()
    {
        var (office, file, stream) = await ApprovedFileAsync();
        var last = stream[^1];
        var store = new TamperingStore(office.Store) { Rewrite = r => r.Position == last.Position ? null : r };
        var failure = (await new StoreVerifier(office.Keys, office.Chart).VerifyDocumentAsync(store, file.Id)).Failures.Should().ContainSingle().Which;
        failure.Kind.Should().Be(VerificationFailureKind.HeadMismatch);
        failure.Sequence.Should().Be(3);
    }

    [Fact]
    public async Task Reordering_two_records_is_detected()
    {
        var (office, file, _) = await ApprovedFileAsync();
        var store = new TamperingStore(office.Store)
        {
            Reshape = list =>
            {
                var copy = list.ToList();
                var i = copy.FindIndex(r => r.DocumentId == file.Id && r.Sequence == 1);
                var j = copy.FindIndex(r => r.DocumentId == file.Id && r.Sequence == 2);
                if (i < 0 || j < 0)
                {
                    return copy;   // another document's stream (the verifier reads the file's notes beside it)
                }

                (copy[i], copy[j]) = (copy[j], copy[i]);
                return copy;
            },
        };
        var failure = (await new StoreVerifier(office.Keys, office.Chart).VerifyDocumentAsync(store, file.Id)).Failures.Should().ContainSingle().Which;
        failure.DocumentId.Should().Be(file.Id);
        failure.Sequence.Should().Be(2);
        failure.Kind.Should().Be(VerificationFailureKind.SequenceGap);
    }

    [Fact]
    public async Task A_record_re_signed_by_the_wrong_officer_is_detected()
    {
        var (office, file, stream) = await ApprovedFileAsync();
        var target = stream[3];
        var forged = target.Record with { Actor = TestOffice.Karan, SignerKeyId = $"{TestOffice.Karan}-ed25519" };
        var bytes = RecordCodec.Encode(forged);
        var signature = await office.Signers.GetSigner(TestOffice.Karan).SignAsync(bytes, forged.OccurredAt);
        var store = new TamperingStore(office.Store)
        {
            Rewrite = r => r.Position == target.Position ? SignedRecord.FromStored(r.DocumentId, r.Sequence, bytes, signature, r.Content, r.Position) : r,
        };
        var failure = (await VerifyAsync(office, store)).Failures.Should().ContainSingle().Which;
        failure.Sequence.Should().Be(3);
        failure.Kind.Should().BeOneOf(VerificationFailureKind.BrokenChain, VerificationFailureKind.Unauthorised);
    }

    [Fact]
    public async Task Altered_noting_text_is_a_content_mismatch()
    {
        var (office, _, _) = await ApprovedFileAsync();
        var noting = (await office.Store.QueryAsync(new DocumentQuery { Kind = DocumentKind.Noting })).Items.Single();
        var store = new TamperingStore(office.Store)
        {
            Rewrite = r => r.DocumentId == noting.Id && r.Sequence == 0
                ? SignedRecord.FromStored(r.DocumentId, r.Sequence, r.CanonicalBytes, r.Signature, NotingContent.Encode(NotingContent.Number("Leave is NOT due.")), r.Position)
                : r,
        };
        var failure = (await VerifyAsync(office, store)).Failures.Should().ContainSingle().Which;
        failure.DocumentId.Should().Be(noting.Id);
        failure.Kind.Should().Be(VerificationFailureKind.ContentMismatch);
    }

    [Fact]
    public async Task A_forged_head_is_caught_by_replay()
    {
        var (office, file, _) = await ApprovedFileAsync();
        var store = new TamperingStore(office.Store) { RewriteHead = h => h.Id == file.Id ? h with { Holder = TestOffice.AccountsAssistant } : h };
        var failure = (await VerifyAsync(office, store)).Failures.Should().ContainSingle().Which;
        failure.Kind.Should().Be(VerificationFailureKind.HeadMismatch);
        failure.Reason.Should().Contain("ACC-DA");
    }

    [Fact]
    public async Task ThrowIfInvalid_throws_the_typed_error_naming_the_record()
    {
        var (office, file, stream) = await ApprovedFileAsync();
        var signature = (byte[])stream[1].Signature.Value.Clone();
        signature[0] ^= 0xFF;
        var store = new TamperingStore(office.Store) { Rewrite = r => r.Position == stream[1].Position ? TamperingStore.WithSignature(r, signature) : r };
        var report = await VerifyAsync(office, store);
        var error = report.Invoking(r => r.ThrowIfInvalid()).Should().Throw<SignatureVerificationException>().Which;
        error.DocumentId.Should().Be(file.Id);
        error.Sequence.Should().Be(1);
        error.Message.Should().Contain(file.Id.ToString()).And.Contain("record 1");
    }

    [Fact]
    public async Task Authority_is_checked_against_who_held_the_post_at_the_time()
    {
        var (office, _, _) = await ApprovedFileAsync();

        // An organisation chart in which Arvind never held the under secretary's post: his approval is unauthorised.
        var rewritten = TestOffice.Create(extend: null).Chart;
        var chart = FileFlow.Organisation.OrganisationChart.CreateBuilder();
        foreach (var o in rewritten.Offices) chart.AddOffice(o);
        foreach (var p in rewritten.Posts) chart.AddPost(p);
        foreach (var o in rewritten.Officers) chart.AddOfficer(o);
        foreach (var (officer, post) in new[] { (TestOffice.Ramesh, TestOffice.DealingAssistant), (TestOffice.Sunita, TestOffice.SectionOfficer), (TestOffice.Meera, TestOffice.JointSecretary) })
        {
            chart.Assign(officer, post, TestOffice.Start.AddYears(-1));
        }

        var report = await new StoreVerifier(office.Keys, chart.Build()).VerifyAllAsync(office.Store);
        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.Unauthorised && f.Reason.Contains("arvind"));
    }
}
