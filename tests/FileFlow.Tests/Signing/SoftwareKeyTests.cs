using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

public sealed class SoftwareKeyTests
{
    public static TheoryData<string> Algorithms() => new(SignatureAlgorithms.All);

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task A_chain_signed_with_each_scheme_verifies_and_a_flipped_bit_does_not(string algorithm)
    {
        var office = TestOffice.Create(algorithm: algorithm);
        var file = await office.FileInStateAsync(DocumentState.Approved);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.IsValid.Should().BeTrue();
        report.Records.Should().Be(3);

        await foreach (var r in office.Store.ReadStreamAsync(file.Id))
        {
            r.Signature.Algorithm.Should().Be(algorithm);
            var bytes = r.CanonicalBytes.ToArray();
            bytes[^1] ^= 1;
            office.Keys.Verify(r.Record, bytes, r.Signature).Failure.Should().Be(SignatureFailure.Invalid);
        }
    }

    [Fact]
    public async Task A_key_registered_to_another_officer_is_a_wrong_signer()
    {
        var key = SoftwareKey.Generate("k1", SignatureAlgorithms.Ed25519);
        var keys = new PublicKeyDirectory().Register(key, new OfficerId("sunita"));
        var record = new TransitionRecord
        {
            DocumentId = DocumentId.New(), Kind = DocumentKind.File, Sequence = 0, ActionId = Guid.NewGuid(), Trigger = DocumentTrigger.Create,
            From = DocumentState.None, To = DocumentState.Draft, Actor = new OfficerId("ramesh"), ActingAs = new PostId("P"),
            Capacity = ActingCapacity.Holder, Holder = new PostId("P"), OccurredAt = TestOffice.Start, PreviousHash = Hash256.Zero, SignerKeyId = "k1",
        };
        var bytes = RecordCodec.Encode(record);
        var signature = await key.CreateSigner().SignAsync(bytes, record.OccurredAt);
        keys.Verify(record, bytes, signature).Failure.Should().Be(SignatureFailure.WrongSigner);
        new PublicKeyDirectory().Verify(record, bytes, signature).Failure.Should().Be(SignatureFailure.UnknownKey);
        keys.Verify(record, bytes, signature with { Algorithm = SignatureAlgorithms.Rsa2048Sha256 }).Failure.Should().Be(SignatureFailure.WrongSigner);
    }

    [Fact]
    public void Unsupported_schemes_are_refused_by_name() =>
        FluentActions.Invoking(() => SoftwareKey.Generate("k", "dsa-1024")).Should().Throw<ArgumentException>().WithMessage("*dsa-1024*");
}
