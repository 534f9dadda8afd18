using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;

namespace FileFlow.Tests.Records;

public sealed class RecordCodecTests
{
    private static TransitionRecord Sample() => new()
    {
        DocumentId = new DocumentId(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")),
        Kind = DocumentKind.File,
        Sequence = 1,
        ActionId = Guid.Parse("0f0e0d0c-0b0a-0908-0706-050403020100"),
        Trigger = DocumentTrigger.Forward,
        From = DocumentState.Draft,
        To = DocumentState.Forwarded,
        Actor = new OfficerId("ramesh"),
        ActingAs = new PostId("EST-DA"),
        Capacity = ActingCapacity.Holder,
        Holder = new PostId("EST-SO"),
        OccurredAt = new DateTimeOffset(2026, 4, 1, 9, 30, 0, TimeSpan.Zero),
        PreviousHash = Hash256.Compute("previous"u8),
        ContentHash = Hash256.Compute("अवकाश"u8),
        Attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string> { ["subject"] = "चिकित्सा अवकाश", ["reason"] = "for orders" }),
        SignerKeyId = "ramesh-key",
    };

    [Fact]
    public void Encode_then_decode_round_trips()
    {
        var record = Sample();
        RecordCodec.Decode(RecordCodec.Encode(record)).Should().Be(record);
    }

    [Fact]
    public void Encoding_is_deterministic_and_matches_the_documented_layout()
    {
        var bytes = RecordCodec.Encode(Sample());
        bytes.Should().Equal(RecordCodec.Encode(Sample()));
        bytes.AsSpan(0, 4).ToArray().Should().Equal((byte)'F', (byte)'F', (byte)'R', (byte)1);
        bytes[4].Should().Be((byte)DocumentKind.File);
        bytes.AsSpan(5, 16).ToArray().Should().Equal(Convert.FromHexString("00112233445566778899aabbccddeeff"));
        bytes.AsSpan(21, 8).ToArray().Should().Equal(0, 0, 0, 0, 0, 0, 0, 1);

        // Golden value: a change of the canonical form would break every stored signature, so it must be deliberate.
        Hash256.Compute(bytes).ToString().Should().Be(GoldenHash);
    }

    [Fact]
    public void Decoding_refuses_trailing_bytes_truncation_and_a_wrong_marker()
    {
        var bytes = RecordCodec.Encode(Sample());
        FluentActions.Invoking(() => RecordCodec.Decode([.. bytes, 0])).Should().Throw<RecordFormatException>().WithMessage("*Trailing*");
        for (var length = 0; length < bytes.Length; length += 7)
        {
            FluentActions.Invoking(() => RecordCodec.Decode(bytes.AsSpan(0, length))).Should().Throw<RecordFormatException>();
        }

        var wrong = (byte[])bytes.Clone();
        wrong[3] = 2;
        FluentActions.Invoking(() => RecordCodec.Decode(wrong)).Should().Throw<RecordFormatException>().WithMessage("*marker*");
    }

    [Fact]
    public void Every_single_byte_change_is_refused_or_decodes_to_a_different_record()
    {
        var record = Sample();
        var bytes = RecordCodec.Encode(record);
        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x04;
            try
            {
                RecordCodec.Decode(copy).Should().NotBe(record, $"byte {i} changed");
            }
            catch (RecordFormatException)
            {
                // refused: fine
            }
        }
    }

    [Fact]
    public void Sub_millisecond_or_non_UTC_times_are_refused_so_bytes_stay_canonical()
    {
        FluentActions.Invoking(() => RecordCodec.Encode(Sample() with { OccurredAt = Sample().OccurredAt.AddTicks(1) })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => RecordCodec.Encode(Sample() with { OccurredAt = new DateTimeOffset(2026, 4, 1, 15, 0, 0, TimeSpan.FromHours(5.5)) })).Should().Throw<ArgumentException>();
        RecordCodec.Normalize(new DateTimeOffset(2026, 4, 1, 15, 0, 0, 123, TimeSpan.FromHours(5.5)).AddTicks(5)).Should()
            .Be(new DateTimeOffset(2026, 4, 1, 9, 30, 0, 123, TimeSpan.Zero));
    }

    // Computed independently by a Python encoder written from the layout in RecordCodec's documentation.
    private const string GoldenHash = "d34e57172fa8c2a768b8f03de46b8547d331867ebb1502633bd5b68f43a507bf";
}
