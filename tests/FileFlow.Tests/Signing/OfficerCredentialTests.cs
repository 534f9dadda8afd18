using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

public sealed class OfficerCredentialTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 5, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ExportPkcs12_ThenLoadFromFile_SignsRecordsThatVerify()
    {
        var original = DevPki.For(TestOffice.Meera);
        var path = Path.Combine(Path.GetTempPath(), $"fileflow-{Guid.NewGuid():N}.pfx");
        try
        {
            File.WriteAllBytes(path, original.ExportPkcs12("s3cret-pin"));
            var loaded = OfficerCredential.LoadPkcs12(path, "s3cret-pin");

            loaded.KeyId.Should().Be(original.KeyId);
            loaded.Officer.Should().Be(TestOffice.Meera);
            loaded.Algorithm.Should().Be(CertificateKeyAlgorithm.Rsa2048);
            loaded.Chain.Select(c => c.Thumbprint).Should().Equal(original.Chain.Select(c => c.Thumbprint));
            var (record, bytes, signature) = await DevPki.SignedRecordAsync(loaded.CreateSigner(), TestOffice.Meera, SignedAt);
            DevPki.Verifier().VerifyOrThrow(record, bytes, signature);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256)]
    [InlineData(CertificateKeyAlgorithm.Ed25519)]
    public async Task ExportPkcs12_OtherKeyTypes_RoundTripThroughAStream(CertificateKeyAlgorithm algorithm)
    {
        var original = DevPki.For(TestOffice.Karan, algorithm);
        using var stream = new MemoryStream(original.ExportPkcs12("pin"));
        var loaded = OfficerCredential.LoadPkcs12(stream, "pin");

        loaded.Algorithm.Should().Be(algorithm);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(loaded.CreateSigner(), TestOffice.Karan, SignedAt);
        DevPki.Verifier().Verify(record, bytes, signature).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.Rsa2048, SignatureAlgorithms.Rsa2048Sha256)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, SignatureAlgorithms.EcdsaP256Sha256)]
    [InlineData(CertificateKeyAlgorithm.Ed25519, SignatureAlgorithms.Ed25519)]
    public async Task FromKey_CertificateIssuedForTheKey_SignsRecordsThatVerify(CertificateKeyAlgorithm algorithm, string scheme)
    {
        var key = SoftwareKey.Generate("karan-token", scheme);
        var certificate = DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Karan, algorithm), key.PublicKeyInfo);

        var credential = OfficerCredential.FromKey(key, certificate, DevPki.Issuing.Chain);

        credential.Officer.Should().Be(TestOffice.Karan);
        credential.Algorithm.Should().Be(algorithm);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Karan, SignedAt);
        DevPki.Verifier().VerifyOrThrow(record, bytes, signature);
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.Rsa2048, SignatureAlgorithms.Rsa2048Sha256)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, SignatureAlgorithms.EcdsaP256Sha256)]
    [InlineData(CertificateKeyAlgorithm.Ed25519, SignatureAlgorithms.Ed25519)]
    public async Task FromKey_ExportPkcs12_AfterTheCallerDisposedItsCertificate_LoadsTheSameKeyAndChain(CertificateKeyAlgorithm algorithm, string scheme)
    {
        var key = SoftwareKey.Generate("karan-token", scheme);
        var certificate = DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Karan, algorithm), key.PublicKeyInfo);
        var credential = OfficerCredential.FromKey(key, certificate, DevPki.Issuing.Chain);
        var thumbprint = certificate.Thumbprint;
        certificate.Dispose();

        var loaded = OfficerCredential.LoadPkcs12(new MemoryStream(credential.ExportPkcs12("pin")), "pin");

        loaded.Certificate.Thumbprint.Should().Be(thumbprint);
        loaded.KeyId.Should().Be(credential.KeyId);
        loaded.Officer.Should().Be(TestOffice.Karan);
        loaded.Chain.Select(c => c.Thumbprint).Should().Equal(DevPki.Issuing.Chain.Select(c => c.Thumbprint));
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(loaded.CreateSigner(), TestOffice.Karan, SignedAt);
        DevPki.Verifier().VerifyOrThrow(record, bytes, signature);
        var (_, ownBytes, ownSignature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Karan, SignedAt);
        DevPki.Verifier().VerifyOrThrow(record, ownBytes, ownSignature);
    }

    [Fact]
    public void FromKey_CertificateOfAnotherKey_ThrowsArgumentException()
    {
        var key = SoftwareKey.Generate("meera-token", SignatureAlgorithms.EcdsaP256Sha256);
        var other = DevPki.For(TestOffice.Meera, CertificateKeyAlgorithm.EcdsaP256);

        FluentActions.Invoking(() => OfficerCredential.FromKey(key, other.Certificate, other.Chain)).Should().Throw<ArgumentException>()
            .WithMessage("*not issued for key 'meera-token'*");
    }

    [Fact]
    public void LoadPkcs12_WrongPassword_ThrowsInvalidCredentialPassword()
    {
        using var stream = new MemoryStream(DevPki.For(TestOffice.Meera).ExportPkcs12("right"));

        FluentActions.Invoking(() => OfficerCredential.LoadPkcs12(stream, "wrong")).Should().Throw<InvalidCredentialPasswordException>()
            .WithMessage("*password is wrong*");
    }

    [Fact]
    public void LoadPkcs12_NotAPkcs12File_ThrowsCredentialFormat()
    {
        using var stream = new MemoryStream("-----BEGIN CERTIFICATE-----"u8.ToArray());

        FluentActions.Invoking(() => OfficerCredential.LoadPkcs12(stream, "pin")).Should().Throw<CredentialFormatException>();
    }

    [Fact]
    public void ExportPkcs12_OpensslReadsItWithThePassword()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fileflow-{Guid.NewGuid():N}.pfx");
        try
        {
            File.WriteAllBytes(path, DevPki.For(TestOffice.Meera).ExportPkcs12("pin"));
            var good = OpenSsl.Run(Path.GetTempPath(), "pkcs12", "-in", path, "-passin", "pass:pin", "-nodes", "-info");
            good.ExitCode.Should().Be(0, good.Output);
            good.Output.Should().Contain("BEGIN PRIVATE KEY").And.Contain("Officer meera");
            OpenSsl.Run(Path.GetTempPath(), "pkcs12", "-in", path, "-passin", "pass:nope", "-nodes").ExitCode.Should().NotBe(0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
