using System.Globalization;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;
using Org.BouncyCastle.Cms;

namespace FileFlow.Tests.Signing;

public sealed class CmsSignerTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 4, 1, 9, 30, 15, 250, TimeSpan.Zero);

    [Theory]
    [InlineData(CertificateKeyAlgorithm.Rsa2048)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256)]
    public async Task SignAsync_DetachedCms_OpensslAndFileFlowVerify_AndBothRejectAFlippedByte(CertificateKeyAlgorithm algorithm)
    {
        var signer = DevPki.For(TestOffice.Sunita, algorithm).CreateSigner();
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(signer, TestOffice.Sunita, SignedAt);
        signature.Algorithm.Should().Be("cms");

        var directory = Directory.CreateTempSubdirectory("fileflow-cms-");
        try
        {
            File.WriteAllBytes(Path.Combine(directory.FullName, "record.bin"), bytes);
            File.WriteAllBytes(Path.Combine(directory.FullName, "sig.der"), signature.Value);
            File.WriteAllText(Path.Combine(directory.FullName, "root.pem"), DevPki.Root.Root.ExportCertificatePem());
            var attime = record.OccurredAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            string[] verify = ["cms", "-verify", "-binary", "-inform", "DER", "-content", "record.bin", "-in", "sig.der", "-CAfile", "root.pem", "-purpose", "any", "-attime", attime, "-out", "/dev/null"];

            var good = OpenSsl.Run(directory.FullName, verify);
            good.ExitCode.Should().Be(0, good.Output);
            good.Output.Should().Contain("Verification successful");
            DevPki.Verifier().Verify(record, bytes, signature).IsValid.Should().BeTrue();

            var tampered = (byte[])bytes.Clone();
            tampered[^5] ^= 0x01;
            File.WriteAllBytes(Path.Combine(directory.FullName, "record.bin"), tampered);
            var bad = OpenSsl.Run(directory.FullName, verify);
            bad.ExitCode.Should().NotBe(0);
            bad.Output.Should().Contain("content verify error");
            DevPki.Verifier().Verify(record, tampered, signature).Failure.Should().Be(SignatureFailure.Invalid);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>An independent CMS implementation (BouncyCastle's) verifies every key type; OpenSSL 3.0 cannot sign or verify Ed25519 CMS at all.</summary>
    [Theory]
    [InlineData(CertificateKeyAlgorithm.Rsa2048)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256)]
    [InlineData(CertificateKeyAlgorithm.Ed25519)]
    public async Task SignAsync_BouncyCastleCmsParser_FindsSignerAttributesAndValidSignature(CertificateKeyAlgorithm algorithm)
    {
        var credential = DevPki.For(TestOffice.Arvind, algorithm);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Arvind, SignedAt);
        DevPki.Verifier().Verify(record, bytes, signature).IsValid.Should().BeTrue();

        var cms = new CmsSignedData(new CmsProcessableByteArray(bytes), signature.Value);
        var signerInfo = cms.GetSignerInfos().GetSigners().Single();
        var certificate = cms.GetCertificates().EnumerateMatches(signerInfo.SignerID).Single();
        signerInfo.Verify(certificate).Should().BeTrue();
        CertificateKeyId.Of(certificate.GetEncoded()).Should().Be(credential.KeyId);
        var attributes = signerInfo.SignedAttributes;
        attributes[Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.IdAASigningCertificateV2].Should().NotBeNull();
        var time = Org.BouncyCastle.Asn1.Cms.Time.GetInstance(attributes[Org.BouncyCastle.Asn1.Cms.CmsAttributes.SigningTime].AttrValues[0]);
        new DateTimeOffset(DateTime.SpecifyKind(time.ToDateTime(), DateTimeKind.Utc)).Should().Be(new DateTimeOffset(2026, 4, 1, 9, 30, 15, TimeSpan.Zero));
        cms.GetCertificates().EnumerateMatches(null).Should().HaveCount(2, "the officer's certificate and the intermediate are embedded, the root is not");
        var other = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Arvind, SignedAt);
        DevPki.Verifier().Verify(other.Record, other.Bytes, signature).Failure
            .Should().Be(SignatureFailure.Invalid, "a signature made for another record does not verify");
    }

    [Fact]
    public void KeyId_IsLowercaseSha256ThumbprintOfTheCertificate()
    {
        var credential = DevPki.For(TestOffice.Meera);
        var signer = credential.CreateSigner();
        signer.KeyId.Should().Be(credential.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant());
        signer.KeyId.Should().HaveLength(64).And.Be(credential.KeyId);
    }

    [Fact]
    public void IssueOfficerCertificate_HasTheDocumentSignerProfile()
    {
        var certificate = DevPki.For(TestOffice.Ramesh).Certificate;
        certificate.Subject.Should().Contain("CN=Officer ramesh").And.Contain("OU=Section Officer").And.Contain("O=Directorate of Health Services").And.Contain("S=Kerala").And.Contain("C=IN");
        var usage = certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509KeyUsageExtension>().Single();
        usage.Critical.Should().BeTrue();
        usage.KeyUsages.Should().Be(System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.DigitalSignature | System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.NonRepudiation);
        var eku = certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension>().Single();
        eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).Should().BeEquivalentTo("1.3.6.1.5.5.7.3.4", "1.2.840.113583.1.1.5", "1.3.6.1.4.1.311.10.3.12");
        var policies = certificate.Extensions["2.5.29.32"]!.RawData;
        var text = new Org.BouncyCastle.Asn1.X509.CertificatePolicies[] { Org.BouncyCastle.Asn1.X509.CertificatePolicies.GetInstance(policies) }[0].GetPolicyInformation().Select(p => p.PolicyIdentifier.Id);
        text.Should().Equal("2.16.356.100.2.3", "2.16.356.100.2.2", "2.16.356.100.10.1");
        DevPki.For(TestOffice.Ramesh).Officer.Should().Be(TestOffice.Ramesh);
    }
}
