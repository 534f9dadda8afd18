using FileFlow.Audit;
using FileFlow.Records;
using FileFlow.Signing;

namespace FileFlow.Tests.Audit;

public sealed class CheckpointTests
{
    private const string Origin = "health-dte.example.gov.in/fileflow";
    private static readonly Hash256 Root = Hash256.Parse("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    private static readonly DateTimeOffset Time = new(2026, 4, 1, 9, 30, 0, 123, TimeSpan.FromHours(5.5));
    private static readonly SoftwareKey LogKey = SoftwareKey.Generate("log-2026", SignatureAlgorithms.Ed25519);

    [Fact]
    public void ToText_Checkpoint_IsTheDocumentedFiveLines()
    {
        var checkpoint = new Checkpoint(Origin, 8, Root, Time);

        checkpoint.ToText().Should().Be(
            "fileflow-checkpoint/v1\n" +
            "health-dte.example.gov.in/fileflow\n" +
            "8\n" +
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n" +
            "1775016000123\n");
        checkpoint.Timestamp.Should().Be(Time);
        checkpoint.Timestamp.Offset.Should().Be(TimeSpan.Zero);
        Checkpoint.Parse(checkpoint.ToText()).Should().Be(checkpoint);
    }

    [Fact]
    public void Constructor_SubMillisecondTime_IsTruncatedSoTextRoundTrips()
    {
        var checkpoint = new Checkpoint(Origin, 1, Root, Time.AddTicks(4321));
        checkpoint.Timestamp.Should().Be(Time);
        Checkpoint.Parse(checkpoint.ToText()).Should().Be(checkpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("two\nlines")]
    [InlineData("non-ascii-\u0939")]
    public void Constructor_BadOrigin_ThrowsArgumentException(string origin)
    {
        var act = () => new Checkpoint(origin, 1, Root, Time);
        act.Should().Throw<ArgumentException>().WithParameterName("origin");
    }

    [Fact]
    public void Constructor_NegativeSizeOrPreEpochTime_ThrowsArgumentOutOfRange()
    {
        ((Action)(() => _ = new Checkpoint(Origin, -1, Root, Time))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _ = new Checkpoint(Origin, 1, Root, DateTimeOffset.UnixEpoch.AddDays(-1)))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task SignAsync_ThenParseText_VerifiesWithTheLogKey()
    {
        var signed = await new Checkpoint(Origin, 8, Root, Time).SignAsync(LogKey.CreateSigner());
        var text = signed.ToText();
        var parsed = SignedCheckpoint.Parse(text);
        var verifier = new CheckpointVerifier().Register(Origin, LogKey);

        text.Should().StartWith(signed.Checkpoint.ToText() + "\nsignature log-2026 ed25519 ");
        parsed.Checkpoint.Should().Be(signed.Checkpoint);
        parsed.KeyId.Should().Be("log-2026");
        parsed.Signature.Value.Should().Equal(signed.Signature.Value);
        parsed.ToText().Should().Be(text);
        verifier.Verify(parsed).IsValid.Should().BeTrue();
        verifier.Verify(SignedCheckpoint.Parse(text.Replace("\n", "\r\n", StringComparison.Ordinal))).IsValid.Should().BeTrue();
        new LogVerifier(verifier).VerifyCheckpoint(parsed).Should().Be(signed.Checkpoint);
    }

    [Fact]
    public async Task Verify_AlteredCheckpointText_FailsSignature()
    {
        var signed = await new Checkpoint(Origin, 8, Root, Time).SignAsync(LogKey.CreateSigner());
        var forged = SignedCheckpoint.Parse(signed.ToText().Replace("\n8\n", "\n7\n", StringComparison.Ordinal));
        var verifier = new LogVerifier(new CheckpointVerifier().Register(Origin, LogKey));

        forged.Checkpoint.TreeSize.Should().Be(7);
        var act = () => verifier.VerifyCheckpoint(forged);
        act.Should().Throw<CheckpointSignatureException>().Which.Check.Failure.Should().Be(SignatureFailure.Invalid);
    }

    [Fact]
    public async Task Verify_KeyTrustedOnlyForAnotherLog_FailsAsUnknownKey()
    {
        var signed = await new Checkpoint(Origin, 8, Root, Time).SignAsync(LogKey.CreateSigner());
        var otherLog = new CheckpointVerifier().Register("another-office/fileflow", LogKey);
        var otherKey = new CheckpointVerifier().Register(Origin, SoftwareKey.Generate("log-2026", SignatureAlgorithms.Ed25519));

        otherLog.Verify(signed).Failure.Should().Be(SignatureFailure.UnknownKey);
        otherKey.Verify(signed).Failure.Should().Be(SignatureFailure.Invalid);
    }

    public static TheoryData<string, string> Malformations => new()
    {
        { "no trailing newline", string.Empty },
        { "wrong header", "fileflow-checkpoint/v2" },
        { "size with leading zero", "08" },
        { "negative size", "-8" },
        { "size not a number", "eight" },
        { "uppercase root", Root.ToString().ToUpperInvariant() },
        { "short root", Root.ToString()[..62] },
        { "timestamp not a number", "1.5" },
        { "origin with trailing space", Origin + " " },
        { "empty origin", string.Empty },
        { "signature line prefix", "sig log-2026 ed25519 AAAA" },
        { "signature not base64", "signature log-2026 ed25519 ***" },
        { "signature missing scheme", "signature log-2026 AAAA" },
        { "missing blank line", "extra" },
        { "empty text", "EMPTY" },
    };

    [Theory]
    [MemberData(nameof(Malformations))]
    public async Task Parse_MalformedSignedCheckpoint_ThrowsLogFormatException(string problem, string replacement)
    {
        var valid = (await new Checkpoint(Origin, 8, Root, Time).SignAsync(LogKey.CreateSigner())).ToText();
        var lines = valid.TrimEnd('\n').Split('\n');
        var text = problem switch
        {
            "no trailing newline" => valid.TrimEnd('\n'),
            "wrong header" => valid.Replace(lines[0], replacement, StringComparison.Ordinal),
            "size with leading zero" or "negative size" or "size not a number" => valid.Replace("\n8\n", $"\n{replacement}\n", StringComparison.Ordinal),
            "uppercase root" or "short root" => valid.Replace(lines[3], replacement, StringComparison.Ordinal),
            "timestamp not a number" => valid.Replace(lines[4], replacement, StringComparison.Ordinal),
            "origin with trailing space" or "empty origin" => valid.Replace(lines[1], replacement, StringComparison.Ordinal),
            "missing blank line" => valid.Replace("\n\n", "\nextra\n", StringComparison.Ordinal),
            "empty text" => string.Empty,
            _ => valid.Replace(lines[6], replacement, StringComparison.Ordinal),
        };

        text.Should().NotBe(valid);
        var act = () => SignedCheckpoint.Parse(text);
        act.Should().Throw<LogFormatException>();
    }

    [Fact]
    public void ProofText_RoundTripsAndRejectsMalformedInput()
    {
        var inclusion = new InclusionProof(5, 8, [Root, MerkleHasher.EmptyRoot]);
        var consistency = new ConsistencyProof(6, 8, [Root]);

        inclusion.ToText().Should().Be($"fileflow-inclusion/v1\n5\n8\n{Root}\n{MerkleHasher.EmptyRoot}\n");
        InclusionProof.Parse(inclusion.ToText()).Should().Be(inclusion);
        ConsistencyProof.Parse(consistency.ToText()).Should().Be(consistency);
        new InclusionProof(0, 1, []).ToText().Should().Be("fileflow-inclusion/v1\n0\n1\n");
        InclusionProof.Parse("fileflow-inclusion/v1\n0\n1\n").Path.Should().BeEmpty();

        string[] badInclusion =
        [
            "fileflow-inclusion/v1\n8\n8\n",
            "fileflow-inclusion/v1\n5\n8\nzz\n",
            "fileflow-inclusion/v1\n5\n",
            "fileflow-consistency/v1\n5\n8\n",
            "fileflow-inclusion/v1\n5\n8",
            "fileflow-inclusion/v1\n5\n8\n\n",
        ];
        foreach (var text in badInclusion)
        {
            ((Action)(() => InclusionProof.Parse(text))).Should().Throw<LogFormatException>(text);
        }

        ((Action)(() => ConsistencyProof.Parse("fileflow-consistency/v1\n9\n8\n"))).Should().Throw<LogFormatException>();
        ((Action)(() => ConsistencyProof.Parse("fileflow-inclusion/v1\n1\n8\n"))).Should().Throw<LogFormatException>();
    }
}
