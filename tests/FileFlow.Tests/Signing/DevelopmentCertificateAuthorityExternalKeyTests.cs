using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

/// <summary>Certificates for keys generated elsewhere (a PKCS#11 token): the same profile as software credentials, and refused for a key of another type.</summary>
public sealed class DevelopmentCertificateAuthorityExternalKeyTests
{
    [Fact]
    public void IssueOfficerCertificate_ForAnExternalRsaKey_CertifiesThatKeyInTheOfficerProfile()
    {
        using var rsa = RSA.Create(2048);

        var certificate = DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Sunita), rsa.ExportSubjectPublicKeyInfo());

        certificate.PublicKey.ExportSubjectPublicKeyInfo().Should().Equal(rsa.ExportSubjectPublicKeyInfo());
        certificate.Issuer.Should().Be(DevPki.Issuing.Certificate.Subject);
        certificate.Subject.Should().Contain("Officer sunita");
        var software = DevPki.For(TestOffice.Sunita).Certificate;
        certificate.Extensions.Select(e => e.Oid!.Value).Should().BeEquivalentTo(software.Extensions.Select(e => e.Oid!.Value));
    }

    [Fact]
    public void IssueOfficerCertificate_ForAnExternalP256Key_CertifiesIt()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var certificate = DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Arvind, CertificateKeyAlgorithm.EcdsaP256), ec.ExportSubjectPublicKeyInfo());

        certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().Should().Equal(ec.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void IssueOfficerCertificate_KeyOfAnotherTypeThanTheRequest_ThrowsArgument()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var small = RSA.Create(1024);

        FluentActions.Invoking(() => DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Arvind), ec.ExportSubjectPublicKeyInfo()))
            .Should().Throw<ArgumentException>().WithMessage("*not a Rsa2048 public key*");
        FluentActions.Invoking(() => DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Arvind), small.ExportSubjectPublicKeyInfo()))
            .Should().Throw<ArgumentException>().WithMessage("*not a Rsa2048 public key*");
        FluentActions.Invoking(() => DevPki.Issuing.IssueOfficerCertificate(DevPki.Request(TestOffice.Arvind), new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }))
            .Should().Throw<ArgumentException>().WithMessage("*not a DER-encoded SubjectPublicKeyInfo*");
    }
}
