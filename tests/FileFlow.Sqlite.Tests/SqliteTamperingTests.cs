using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.StoreContract;

namespace FileFlow.Sqlite.Tests;

/// <summary>Changing the SQLite file behind the store's back is caught by verification, which names the document and record.</summary>
public sealed class SqliteTamperingTests : IAsyncLifetime
{
    private readonly TempDatabase database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    private async Task<(TestOffice Office, List<DocumentId> Files)> SeedAsync()
    {
        var store = await database.OpenAsync();
        var office = TestOffice.Create(store);
        var files = new List<DocumentId>();
        for (var i = 0; i < 3; i++)
        {
            files.Add((await office.FileInStateAsync(DocumentState.Approved)).Id);
        }

        var clean = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store);
        clean.IsValid.Should().BeTrue(string.Join("; ", clean.Failures));
        await store.DisposeAsync();
        return (office, files);
    }

    private static byte[] Key(DocumentId id) => id.Value.ToByteArray(bigEndian: true);

    [Fact]
    public async Task A_flipped_byte_in_a_stored_record_is_named_by_document_and_sequence()
    {
        var (office, files) = await SeedAsync();
        var victim = files[1];
        database.Execute(
            "UPDATE records SET canonical = substr(canonical, 1, length(canonical) - 1) || (CASE WHEN substr(canonical, -1) = x'41' THEN x'42' ELSE x'41' END) WHERE document_id = $id AND sequence = 1",
            null,
            ("$id", Key(victim)));

        var store = await database.OpenAsync();
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store);

        report.IsValid.Should().BeFalse();
        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f => f.DocumentId == victim && f.Sequence == 1);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyDocumentAsync(store, files[0])).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task A_deleted_record_is_named_by_document_and_sequence()
    {
        var (office, files) = await SeedAsync();
        var victim = files[2];
        database.Execute("DELETE FROM records WHERE document_id = $id AND sequence = 1", null, ("$id", Key(victim)));

        var store = await database.OpenAsync();
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store);

        report.IsValid.Should().BeFalse();
        report.Failures.Should().Contain(f => f.DocumentId == victim && f.Sequence == 2 && f.Kind == VerificationFailureKind.SequenceGap);
        report.Failures.Should().OnlyContain(f => f.DocumentId == victim);
    }
}
