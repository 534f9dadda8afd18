using System.Security.Cryptography.X509Certificates;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

public sealed class CertificateSignatureVerifierTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 6, 1, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task VerifyOrThrow_ValidCertificateChain_DoesNotThrow()
    {
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(DevPki.For(TestOffice.Sunita).CreateSigner(), TestOffice.Sunita, SignedAt);
        var verifier = DevPki.Verifier();

        verifier.Invoking(v => v.VerifyOrThrow(record, bytes, signature)).Should().NotThrow();
        verifier.Verify(record, bytes, signature).Should().Be(SignatureCheck.Valid);
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.Rsa2048)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256)]
    [InlineData(CertificateKeyAlgorithm.Ed25519)]
    public async Task Verify_EachCertificateKeyType_AcceptsItsSignature_AndRejectsAFlippedByte(CertificateKeyAlgorithm algorithm)
    {
        var credential = DevPki.For(TestOffice.Pooja, algorithm);
        credential.Algorithm.Should().Be(algorithm);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Pooja, SignedAt);
        var verifier = DevPki.Verifier();

        verifier.Verify(record, bytes, signature).Should().Be(SignatureCheck.Valid);
        var tamperedRecord = (byte[])bytes.Clone();
        tamperedRecord[^5] ^= 0x01;
        verifier.Verify(record, tamperedRecord, signature).Failure.Should().Be(SignatureFailure.Invalid);

        // The last bytes of the CMS are the signature value: flip one and the public-key operation fails.
        var tamperedSignature = new RecordSignature(signature.Algorithm, (byte[])signature.Value.Clone());
        tamperedSignature.Value[^3] ^= 0x01;
        var check = verifier.Verify(record, bytes, tamperedSignature);
        check.IsValid.Should().BeFalse();
        check.Failure.Should().BeOneOf(SignatureFailure.Invalid, SignatureFailure.Malformed);
        verifier.Invoking(v => v.VerifyOrThrow(record, bytes, tamperedSignature)).Should().Throw<CertificateSignatureException>()
            .Which.DocumentId.Should().Be(record.DocumentId);
    }

    [Fact]
    public async Task VerifyOrThrow_CertificateExpiredAtSigningTime_ThrowsNotValidAtSigningTime()
    {
        var credential = DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Sunita) with { NotBefore = SignedAt.AddYears(-2), NotAfter = SignedAt.AddDays(-1) });
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Sunita, SignedAt);
        var verifier = DevPki.Verifier();

        verifier.Verify(record, bytes, signature).Failure.Should().Be(SignatureFailure.OutsideValidity);
        var thrown = verifier.Invoking(v => v.VerifyOrThrow(record, bytes, signature)).Should().Throw<CertificateNotValidAtSigningTimeException>().Which;
        thrown.DocumentId.Should().Be(record.DocumentId);
        thrown.Sequence.Should().Be(record.Sequence);
        thrown.NotAfter.Should().Be(SignedAt.AddDays(-1).AddTicks(-(SignedAt.Ticks % TimeSpan.TicksPerSecond)));
        thrown.Message.Should().Contain("expired").And.Contain(record.DocumentId.ToString());
    }

    [Fact]
    public async Task VerifyOrThrow_CertificateNotYetValidAtSigningTime_ThrowsNotValidAtSigningTime()
    {
        var credential = DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Sunita) with { NotBefore = SignedAt.AddHours(1), NotAfter = SignedAt.AddYears(2) });
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Sunita, SignedAt);

        var thrown = DevPki.Verifier().Invoking(v => v.VerifyOrThrow(record, bytes, signature)).Should().Throw<CertificateNotValidAtSigningTimeException>()
            .WithMessage("*not yet valid*").Which;
        thrown.DocumentId.Should().Be(record.DocumentId);
        thrown.Sequence.Should().Be(record.Sequence);
        thrown.Message.Should().Contain(record.DocumentId.ToString());
    }

    [Fact]
    public async Task VerifyOrThrow_RevokedCertificate_FailsFromTheRevocationTimeOnly()
    {
        var credential = DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Arvind));
        var revokedAt = new DateTimeOffset(2026, 6, 11, 10, 0, 0, TimeSpan.Zero); // CRL times have whole seconds
        DevPki.Issuing.Revoke(credential.Certificate, revokedAt, RevocationReason.KeyCompromise);
        var verifier = DevPki.Verifier(DevPki.Issuing.IssueCrl(revokedAt.AddHours(1), revokedAt.AddDays(7)));
        var signer = credential.CreateSigner();

        var before = await DevPki.SignedRecordAsync(signer, TestOffice.Arvind, revokedAt.AddSeconds(-1));
        verifier.Verify(before.Record, before.Bytes, before.Signature).IsValid.Should().BeTrue("records signed before the revocation stay valid");

        var at = await DevPki.SignedRecordAsync(signer, TestOffice.Arvind, revokedAt);
        verifier.Verify(at.Record, at.Bytes, at.Signature).Failure.Should().Be(SignatureFailure.Revoked);

        var after = await DevPki.SignedRecordAsync(signer, TestOffice.Arvind, revokedAt.AddDays(1));
        var thrown = verifier.Invoking(v => v.VerifyOrThrow(after.Record, after.Bytes, after.Signature)).Should().Throw<CertificateRevokedException>().Which;
        thrown.RevokedAt.Should().Be(revokedAt);
        thrown.RevocationReason.Should().Be(RevocationReason.KeyCompromise);
        thrown.DocumentId.Should().Be(after.Record.DocumentId);

        DevPki.Verifier().Verify(after.Record, after.Bytes, after.Signature).IsValid.Should().BeTrue("without the CRL the verifier does not know of the revocation");
    }

    [Fact]
    public async Task VerifyOrThrow_CrlSignedByAnotherAuthority_IsIgnored()
    {
        var credential = DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Arvind));
        var impostor = DevelopmentCertificateAuthority.CreateRoot("FileFlow Test Sub-CA for Officers", DevPki.RootFrom, DevPki.RootUntil);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Arvind, SignedAt);
        DevPki.Issuing.Certificate.Subject.Should().Contain("FileFlow Test Sub-CA for Officers");

        // A CRL naming the same issuer DN but signed by another key cannot revoke the officer's certificate.
        var forged = impostor.IssueCrl(SignedAt.AddDays(-1), SignedAt.AddDays(1));
        DevPki.Verifier(forged).Verify(record, bytes, signature).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyOrThrow_KeyUsageWithoutSigning_ThrowsWrongKeyUsage()
    {
        var credential = DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Meera) with { KeyUsage = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment });
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Meera, SignedAt);
        var verifier = DevPki.Verifier();

        verifier.Verify(record, bytes, signature).Failure.Should().Be(SignatureFailure.WrongKeyUsage);
        var thrown = verifier.Invoking(v => v.VerifyOrThrow(record, bytes, signature)).Should().Throw<WrongKeyUsageException>().WithMessage("*digitalSignature*").Which;
        thrown.DocumentId.Should().Be(record.DocumentId);
        thrown.Sequence.Should().Be(record.Sequence);
    }

    [Fact]
    public async Task VerifyOrThrow_RootNotTrusted_ThrowsUntrustedCertificate()
    {
        var otherRoot = DevelopmentCertificateAuthority.CreateRoot("Unknown Root", DevPki.RootFrom, DevPki.RootUntil);
        var credential = otherRoot.IssueOfficerCertificate(DevPki.Request(TestOffice.Sunita));
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Sunita, SignedAt);
        var verifier = DevPki.Verifier();

        verifier.Verify(record, bytes, signature).Failure.Should().Be(SignatureFailure.Untrusted);
        var thrown = verifier.Invoking(v => v.VerifyOrThrow(record, bytes, signature)).Should().Throw<UntrustedCertificateException>().WithMessage("*Unknown Root*").Which;
        thrown.DocumentId.Should().Be(record.DocumentId);
        thrown.Sequence.Should().Be(record.Sequence);
    }

    [Fact]
    public async Task VerifyOrThrow_CertificateOfAnotherOfficer_ThrowsWrongSigner()
    {
        var sunitasSigner = DevPki.For(TestOffice.Sunita).CreateSigner();
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(sunitasSigner, TestOffice.Pooja, SignedAt);

        var thrown = DevPki.Verifier().Invoking(v => v.VerifyOrThrow(record, bytes, signature)).Should().Throw<WrongSignerException>().Which;
        thrown.CertificateOfficer.Should().Be(TestOffice.Sunita);
        thrown.SignatureFailure.Should().Be(SignatureFailure.WrongSigner);
    }

    [Fact]
    public async Task VerifyOrThrow_RecordNamesAnotherKey_ThrowsSignerCertificateMismatch()
    {
        var (record, _, signature) = await DevPki.SignedRecordAsync(DevPki.For(TestOffice.Sunita).CreateSigner(), TestOffice.Sunita, SignedAt);
        var relabelled = record with { SignerKeyId = DevPki.For(TestOffice.Arvind).KeyId };

        DevPki.Verifier().Invoking(v => v.VerifyOrThrow(relabelled, FileFlow.Records.RecordCodec.Encode(relabelled), signature)).Should().Throw<SignerCertificateMismatchException>();
    }

    [Fact]
    public async Task VerifyOrThrow_SigningTimeAttributeIsNotTheRecordTime_ThrowsSignatureMismatch()
    {
        var signer = DevPki.For(TestOffice.Sunita).CreateSigner();
        var (record, bytes, _) = await DevPki.SignedRecordAsync(signer, TestOffice.Sunita, SignedAt);
        var backdated = await signer.SignAsync(bytes, SignedAt.AddMinutes(-5));

        DevPki.Verifier().Invoking(v => v.VerifyOrThrow(record, bytes, backdated)).Should().Throw<SignatureMismatchException>().WithMessage("*signing-time*");
    }

    [Fact]
    public async Task VerifyOrThrow_FlippedSignatureByte_ThrowsSignatureMismatch_AndGarbageIsMalformed()
    {
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(DevPki.For(TestOffice.Sunita).CreateSigner(), TestOffice.Sunita, SignedAt);
        var flipped = (byte[])signature.Value.Clone();
        flipped[^3] ^= 0x40;
        var verifier = DevPki.Verifier();

        verifier.Invoking(v => v.VerifyOrThrow(record, bytes, signature with { Value = flipped })).Should().Throw<SignatureMismatchException>();
        verifier.Invoking(v => v.VerifyOrThrow(record, bytes, new RecordSignature("cms", [0x30, 0x03, 0x02, 0x01, 0x01]))).Should().Throw<MalformedSignatureException>();
        verifier.Verify(record, bytes, signature with { Algorithm = SignatureAlgorithms.Rsa2048Sha256 }).Failure.Should().Be(SignatureFailure.Malformed);
    }

    [Fact]
    public void Constructor_WithoutTrustAnchor_ThrowsArgumentException()
    {
        FluentActions.Invoking(() => new CertificateSignatureVerifier(new CertificateTrustOptions())).Should().Throw<ArgumentException>();
    }
}
