using FileFlow.Audit;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit;

/// <summary>Issue 15: the log key is certified by the root with the Log role, so a log key and checkpoint re-made by an insider fail.</summary>
public sealed class CertificateCheckpointVerifierTests
{
    private const string Origin = "health-dte.example.gov.in/fileflow";
    private static readonly Hash256 Root = Hash256.Compute("root"u8);
    private static readonly DateTimeOffset Time = new(2026, 6, 1, 9, 30, 0, 123, TimeSpan.Zero);
    private static readonly OfficerId LogService = new("fileflow-log");

    private static CertificateTrustOptions Trust()
    {
        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(DevPki.Root.Root);
        return trust;
    }

    private static Task<SignedCheckpoint> SignAsync(ISigner signer) => new Checkpoint(Origin, 8, Root, Time).SignAsync(signer).AsTask();

    [Fact]
    public async Task Verify_CheckpointSignedByALogRoleCertificate_IsValidAndKeepsTheTextFormat()
    {
        var log = DevPki.Service(ServiceRole.Log, LogService);
        var signed = await SignAsync(log.CreateSigner());

        var parsed = SignedCheckpoint.Parse(signed.ToText());
        parsed.KeyId.Should().Be(log.KeyId);
        parsed.Signature.Algorithm.Should().Be(CmsSigner.AlgorithmName);
        new CertificateCheckpointVerifier(Trust(), Origin, log.KeyId).Verify(parsed).Should().Be(SignatureCheck.Valid);
        new CertificateCheckpointVerifier(Trust()).Verify(parsed).Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public async Task Verify_InsiderAttackC_LogCertificateRemadeUnderAnotherRoot_FailsAsUntrusted()
    {
        // Attack (c): without the root's key, the insider can only certify a new log key under a root of their own.
        var forgedRoot = DevelopmentCertificateAuthority.CreateRoot("FileFlow Test Root CA", DevPki.RootFrom, DevPki.RootUntil);
        var forgedLog = forgedRoot.IssueServiceCertificate(ServiceRole.Log, DevPki.Request(LogService));
        var signed = await SignAsync(forgedLog.CreateSigner());

        var check = new CertificateCheckpointVerifier(Trust()).Verify(signed);

        check.Failure.Should().Be(SignatureFailure.Untrusted);
        check.Reason.Should().Contain("log certificate is not acceptable");
    }

    [Fact]
    public async Task Verify_InsiderAttackC_CheckpointSignedWithABareKey_FailsSayingNoCertificateVouchesForIt()
    {
        var bare = SoftwareKey.Generate("remade-log", SignatureAlgorithms.Ed25519);
        var signed = await SignAsync(bare.CreateSigner());

        var check = new CertificateCheckpointVerifier(Trust()).Verify(signed);

        check.IsValid.Should().BeFalse();
        check.Reason.Should().Contain("no certificate vouches for").And.Contain("Log role");
    }

    [Fact]
    public async Task Verify_CheckpointSignedWithTheExportCertificate_FailsNamingTheLogRole()
    {
        var signed = await SignAsync(DevPki.ExportService.CreateSigner());

        var check = new CertificateCheckpointVerifier(Trust()).Verify(signed);

        check.Failure.Should().Be(SignatureFailure.WrongRole);
        check.Reason.Should().Contain("Log role");
    }

    [Fact]
    public async Task Verify_AnotherLogCertificateThanThePinnedOne_FailsAsUnknownKey()
    {
        var pinned = DevPki.Service(ServiceRole.Log, LogService);
        var other = DevPki.Service(ServiceRole.Log, LogService);
        var signed = await SignAsync(other.CreateSigner());

        new CertificateCheckpointVerifier(Trust(), Origin, pinned.KeyId).Verify(signed).Failure.Should().Be(SignatureFailure.UnknownKey);
        new CertificateCheckpointVerifier(Trust(), "another/log").Verify(signed).Failure.Should().Be(SignatureFailure.UnknownKey);
    }

    [Fact]
    public async Task Verify_ChangedTreeSize_FailsAsInvalid()
    {
        var log = DevPki.Service(ServiceRole.Log, LogService);
        var signed = await SignAsync(log.CreateSigner());
        var changed = new SignedCheckpoint(new Checkpoint(Origin, 7, Root, Time), signed.KeyId, signed.Signature);

        new CertificateCheckpointVerifier(Trust()).Verify(changed).Failure.Should().Be(SignatureFailure.Invalid);
    }
}
