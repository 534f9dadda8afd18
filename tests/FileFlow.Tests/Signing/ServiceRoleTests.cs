using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

/// <summary>Issue 15: the system actor, the export service and the log each sign with a certificate whose FileFlow role is stated in it, and no other certificate can sign as them.</summary>
public sealed class ServiceRoleTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly OfficerId Export = new("fileflow-export");

    [Theory]
    [InlineData(ServiceRole.System, "2.25.230645956369664880407718304751921979816.1.1")]
    [InlineData(ServiceRole.Export, "2.25.230645956369664880407718304751921979816.1.2")]
    [InlineData(ServiceRole.Log, "2.25.230645956369664880407718304751921979816.1.3")]
    [InlineData(ServiceRole.Organisation, "2.25.230645956369664880407718304751921979816.1.4")]
    [InlineData(ServiceRole.Witness, "2.25.230645956369664880407718304751921979816.1.5")]
    public void IssueServiceCertificate_StatesExactlyItsOneRole(ServiceRole role, string oid)
    {
        var credential = DevPki.Service(role, new OfficerId("fileflow-" + role.ToString().ToLowerInvariant()));

        ServiceRoleUsage.Of(role).Should().Be(oid);
        ServiceRoleUsage.RolesOf(credential.Certificate).Should().Equal(role);
        var usage = credential.Certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension>().Single();
        usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).Should().Equal(oid);
    }

    [Fact]
    public void IssueOfficerCertificate_StatesNoServiceRole()
    {
        ServiceRoleUsage.RolesOf(DevPki.For(TestOffice.Sunita).Certificate).Should().BeEmpty();
        ServiceRoleUsage.RolesOf(DevPki.For(TestOffice.System).Certificate).Should().BeEmpty();
    }

    [Fact]
    public async Task Verify_SystemOfficerRecordSignedWithTheSystemRole_IsValid()
    {
        var system = DevPki.Service(ServiceRole.System, TestOffice.System);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(system.CreateSigner(), TestOffice.System, SignedAt);

        DevPki.Verifier().Verify(record, bytes, signature).Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public async Task VerifyOrThrow_SystemOfficerRecordSignedWithAnOfficerCertificateOfThatName_FailsNamingTheSystemRole()
    {
        // An officer-profile certificate whose UID happens to be the system officer's: the role, not the name, binds the system actor.
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(DevPki.For(TestOffice.System).CreateSigner(), TestOffice.System, SignedAt);

        var thrown = DevPki.Verifier().Invoking(v => v.VerifyOrThrow(record, bytes, signature)).Should().Throw<WrongServiceRoleException>().Which;
        thrown.ExpectedRole.Should().Be(ServiceRole.System);
        thrown.SignatureFailure.Should().Be(SignatureFailure.WrongRole);
        thrown.DocumentId.Should().Be(record.DocumentId);
        thrown.Message.Should().Contain("System role").And.Contain(ServiceRoleUsage.System);
    }

    [Fact]
    public async Task Verify_InsiderAttackA_EscalationSignedWithTheExportKeyAsTheSystemActor_FailsAsWrongRole()
    {
        // Attack (a): the export credential sits beside the store; with it an insider signs an escalation record as the system actor.
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(DevPki.ExportService.CreateSigner(), TestOffice.System, SignedAt);

        var check = DevPki.Verifier().Verify(record, bytes, signature);

        check.Failure.Should().Be(SignatureFailure.WrongRole);
        check.Reason.Should().Contain("System role").And.Contain("Export role");
    }

    [Fact]
    public async Task VerifyOrThrow_InsiderAttackA_RecordSignedWithTheExportKeyAsItsOwnActor_FailsAsAServiceCannotSignAsAnOfficer()
    {
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(DevPki.ExportService.CreateSigner(), Export, SignedAt);

        var thrown = DevPki.Verifier().Invoking(v => v.VerifyOrThrow(record, bytes, signature)).Should().Throw<WrongServiceRoleException>().Which;
        thrown.ExpectedRole.Should().BeNull();
        thrown.Message.Should().Contain("Export role").And.Contain("cannot sign as officer 'fileflow-export'");
    }

    [Theory]
    [InlineData(ServiceRole.System)]
    [InlineData(ServiceRole.Log)]
    [InlineData(ServiceRole.Organisation)]
    [InlineData(ServiceRole.Witness)]
    public async Task Verify_OfficerRecordSignedWithAnyServiceCertificate_FailsAsWrongRole(ServiceRole role)
    {
        var service = DevPki.Service(role, TestOffice.Sunita);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(service.CreateSigner(), TestOffice.Sunita, SignedAt);

        var check = DevPki.Verifier().Verify(record, bytes, signature);

        check.Failure.Should().Be(SignatureFailure.WrongRole);
        check.Reason.Should().Contain($"{role} role").And.Contain("cannot sign as officer");
    }

    [Fact]
    public async Task VerifyDetached_WithARole_AcceptsOnlyACertificateStatingThatRole()
    {
        var content = "manifest"u8.ToArray();
        var verifier = DevPki.Verifier();
        async Task<SignatureCheck> SignedBy(OfficerCredential credential, ServiceRole role)
        {
            var signature = await credential.CreateSigner().SignAsync(content, SignedAt);
            return verifier.VerifyDetached(content, signature, SignedAt, role);
        }

        (await SignedBy(DevPki.ExportService, ServiceRole.Export)).Should().Be(SignatureCheck.Valid);
        var log = await SignedBy(DevPki.Service(ServiceRole.Log, new OfficerId("fileflow-log")), ServiceRole.Export);
        log.Failure.Should().Be(SignatureFailure.WrongRole);
        log.Reason.Should().Contain("Export role").And.Contain("Log role");
        var officer = await SignedBy(DevPki.For(TestOffice.Sunita), ServiceRole.Export);
        officer.Failure.Should().Be(SignatureFailure.WrongRole);
        officer.Reason.Should().Contain("states no FileFlow service role");
    }

    [Fact]
    public async Task Verify_SystemOfficerSetToNull_RefusesEvenTheSystemRoleForThatName()
    {
        var options = new CertificateTrustOptions { SystemOfficer = null };
        options.TrustAnchors.Add(DevPki.Root.Root);
        var system = DevPki.Service(ServiceRole.System, TestOffice.System);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(system.CreateSigner(), TestOffice.System, SignedAt);

        new CertificateSignatureVerifier(options).Verify(record, bytes, signature).Failure.Should().Be(SignatureFailure.WrongRole);
    }

    [Fact]
    public void IssueServiceCertificate_ForAKeyGeneratedElsewhere_StatesTheRoleOnThatKey()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = DevPki.Request(new OfficerId("fileflow-log"), CertificateKeyAlgorithm.EcdsaP256);

        using var certificate = DevPki.Issuing.IssueServiceCertificate(ServiceRole.Log, request, key.ExportSubjectPublicKeyInfo());

        ServiceRoleUsage.RolesOf(certificate).Should().Equal(ServiceRole.Log);
        System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPublicKey(certificate)!.ExportSubjectPublicKeyInfo().Should().Equal(key.ExportSubjectPublicKeyInfo());
        DevPki.Issuing.Invoking(ca => ca.IssueServiceCertificate(ServiceRole.Log, request with { Algorithm = CertificateKeyAlgorithm.Rsa2048 }, key.ExportSubjectPublicKeyInfo()))
            .Should().Throw<ArgumentException>();
    }
}
