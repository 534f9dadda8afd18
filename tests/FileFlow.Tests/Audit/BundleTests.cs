using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json.Nodes;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit;

public sealed class BundleTests(BundleFixture fixture) : IClassFixture<BundleFixture>
{
    private BundleScenario Scenario => fixture.Scenario;

    [Fact]
    public async Task ExportAsync_FileWithNotingsAndReceipt_HoldsEveryRecordAndVerifiesWithTheRootAlone()
    {
        var export = fixture.Export;
        export.Documents.Should().HaveCount(4).And.StartWith(Scenario.File)
            .And.Contain(Scenario.Receipt).And.Contain(Scenario.Notings).And.NotContain(Scenario.Unrelated);
        var expected = 0;
        foreach (var id in export.Documents)
        {
            await foreach (var stored in Scenario.Office.Store.ReadStreamAsync(id))
            {
                File.ReadAllBytes(BundleScenario.RecordPath(fixture.Pristine, id, stored.Sequence, "bin")).Should().Equal(stored.CanonicalBytes.ToArray());
                File.Exists(BundleScenario.RecordPath(fixture.Pristine, id, stored.Sequence, "content")).Should().Be(stored.Content is not null);
                expected++;
            }
        }

        export.Records.Should().Be(expected);
        Directory.EnumerateFiles(Path.Combine(fixture.Pristine, "certs"), "*.pem").Should().HaveCount(4, "the three officers' certificates and the sub-CA");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(fixture.Pristine, "manifest.json")))!;
        ((string)manifest["format"]!).Should().Be("fileflow-bundle/v3");
        ((string)manifest["file"]!).Should().Be(Scenario.File.ToString());

        var report = await BundleVerifier.VerifyAsync(fixture.Pristine, BundleScenario.RootOnly());

        report.Failures.Should().BeEmpty();
        report.Documents.Should().Be(4);
        report.Records.Should().Be(expected);
    }

    [Fact]
    public async Task VerifyAsync_ZipBundle_WithLogKeyAndKeptCheckpoint_IsValid()
    {
        var zip = fixture.NewPath(".zip");
        var export = await Scenario.ExportAsync(zip);
        using (var archive = ZipFile.OpenRead(zip))
        {
            archive.Entries.Select(e => e.FullName).Should().Contain(["manifest.json", "README.txt", "SHA256SUMS", "checkpoint.txt"]);
        }

        var options = BundleScenario.RootOnly();
        options.CheckpointVerifier = new CheckpointVerifier().Register(BundleScenario.Origin, BundleScenario.LogKey);
        options.TrustedCheckpoint = export.Checkpoint.Checkpoint;
        var report = await BundleVerifier.VerifyAsync(zip, options);

        report.Failures.Should().BeEmpty();
        report.Records.Should().Be(export.Records);
    }

    [Fact]
    public async Task BundleCheck_FreshProcessWithOnlyTheRoot_ExitsZeroForBundlesAndOneForATamperedOne()
    {
        var rootDir = fixture.NewPath();
        Directory.CreateDirectory(rootDir);
        var rootPem = Path.Combine(rootDir, "root.pem");
        File.WriteAllText(rootPem, BundleScenario.Root.ExportCertificatePem());
        var zip = fixture.NewPath(".zip");
        await Scenario.ExportAsync(zip);

        var (folderExit, folderOutput) = RunBundleCheck(fixture.Pristine, rootPem);
        var (zipExit, zipOutput) = RunBundleCheck(zip, rootPem);

        folderExit.Should().Be(0, folderOutput);
        folderOutput.Should().Contain("valid: 4 documents");
        folderOutput.Should().Contain("manifest signed by " + DevPki.ExportService.Certificate.Subject);
        zipExit.Should().Be(0, zipOutput);

        var tampered = fixture.Copy();
        var record = BundleScenario.RecordPath(tampered, Scenario.File, 2, "bin");
        var bytes = File.ReadAllBytes(record);
        bytes[^3] ^= 0x20;
        File.WriteAllBytes(record, bytes);
        var (badExit, badOutput) = RunBundleCheck(tampered, rootPem);
        badExit.Should().Be(1, badOutput);
        badOutput.Should().Contain($"document {Scenario.File} record 2");

        var otherRoot = Path.Combine(rootDir, "other.pem");
        File.WriteAllText(otherRoot, DevelopmentCertificateAuthority.CreateRoot("Some Other Root", DevPki.RootFrom, DevPki.RootUntil).Root.ExportCertificatePem());
        var (wrongRootExit, wrongRootOutput) = RunBundleCheck(fixture.Pristine, otherRoot);
        wrongRootExit.Should().Be(1, wrongRootOutput);
        wrongRootOutput.Should().Contain(nameof(SignatureFailure.Untrusted));
    }

    [Fact]
    public void ReadmeCommands_OpenSslAndCoreutils_PassForEveryRecordAndFailForATamperedOne()
    {
        var rootPem = Path.Combine(fixture.NewPath(".pem"));
        File.WriteAllText(rootPem, BundleScenario.Root.ExportCertificatePem());
        var commands = ReadmeCommands(fixture.Pristine);
        commands.Count(c => c.StartsWith("openssl cms -verify", StringComparison.Ordinal) && c.Contains("-content records/", StringComparison.Ordinal)).Should().Be(fixture.Export.Records);
        commands.Should().ContainSingle(c => c.StartsWith("openssl cms -verify", StringComparison.Ordinal) && c.Contains("-content manifest.json -in manifest.p7s", StringComparison.Ordinal));
        commands.Count(c => c.StartsWith("test ", StringComparison.Ordinal) && c.Contains("link ok", StringComparison.Ordinal)).Should().Be(fixture.Export.Records);
        commands.Count(c => c.Contains("content ok", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(2, "each noting's text is signed");
        commands.Should().Contain("sha256sum -c SHA256SUMS");
        commands.Should().ContainSingle(c => c.Contains("-content SHA256SUMS -in SHA256SUMS.p7s", StringComparison.Ordinal));
        commands.Should().ContainSingle(c => c.Contains("every file listed", StringComparison.Ordinal));

        foreach (var command in commands)
        {
            var (exit, output) = Shell(fixture.Pristine, command, rootPem);
            exit.Should().Be(0, $"'{command}' printed {output}");
        }

        // The same commands catch a tampered record: its signature, its checksum and the next record's link all fail.
        var tampered = fixture.Copy();
        var relative = $"records/{Scenario.File}/1.bin";
        var bytes = File.ReadAllBytes(Path.Combine(tampered, relative));
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(Path.Combine(tampered, relative), bytes);
        var failing = commands.Where(c => Shell(tampered, c, rootPem).ExitCode != 0).ToList();
        failing.Should().HaveCount(3);
        failing.Should().Contain(c => c.StartsWith("openssl cms", StringComparison.Ordinal) && c.Contains(relative, StringComparison.Ordinal));
        failing.Should().Contain("sha256sum -c SHA256SUMS");
        failing.Should().Contain(c => c.Contains($"link ok: records/{Scenario.File}/2.bin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_FlippedByteInRecordFile_NamesTheRecord()
    {
        var bundle = fixture.Copy();
        var relative = $"records/{Scenario.File}/3.bin";
        var bytes = File.ReadAllBytes(Path.Combine(bundle, relative));
        bytes[60] ^= 0x01;
        File.WriteAllBytes(Path.Combine(bundle, relative), bytes);

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());
        report.Failures.Should().Contain(f => f.DocumentId == Scenario.File && f.Sequence == 3 && f.Kind == VerificationFailureKind.BundleMismatch);

        // A forger who also rewrites the manifest is caught by the record itself.
        BundleScenario.FixManifestHash(bundle, relative);
        report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());
        report.Failures.Should().NotContain(f => f.Kind == VerificationFailureKind.BundleMismatch && f.Sequence == 3);
        report.Failures.Should().Contain(f => f.DocumentId == Scenario.File && f.Sequence == 3
            && (f.Kind == VerificationFailureKind.Malformed || f.Kind == VerificationFailureKind.BadSignature));
        report.Failures.Should().Contain(f => f.DocumentId == Scenario.File && f.Sequence == 3 && f.Kind == VerificationFailureKind.NotInLog);
    }

    [Fact]
    public async Task VerifyAsync_DeletedRecordFile_ReportsItMissing()
    {
        var bundle = fixture.Copy();
        var noting = Scenario.Notings[0];
        File.Delete(BundleScenario.RecordPath(bundle, noting, 1, "bin"));

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.IsValid.Should().BeFalse();
        report.Failures.Should().Contain(f => f.DocumentId == noting && f.Sequence == 1 && f.Kind == VerificationFailureKind.Missing);
        report.Failures.Should().Contain(f => f.DocumentId == noting && f.Sequence == 1 && f.Kind == VerificationFailureKind.BundleMismatch);
    }

    [Fact]
    public async Task VerifyAsync_SwappedSignaturesWithManifestRewritten_ReportsBadSignature()
    {
        var bundle = fixture.Copy();
        var one = BundleScenario.RecordPath(bundle, Scenario.File, 1, "sig");
        var two = BundleScenario.RecordPath(bundle, Scenario.File, 2, "sig");
        var first = File.ReadAllBytes(one);
        File.WriteAllBytes(one, File.ReadAllBytes(two));
        File.WriteAllBytes(two, first);
        BundleScenario.FixManifestHash(bundle, $"records/{Scenario.File}/1.sig");
        BundleScenario.FixManifestHash(bundle, $"records/{Scenario.File}/2.sig");

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.Failures.Should().HaveCount(2);
        report.Failures[0].Should().Match<VerificationFailure>(f =>
            f.DocumentId == Scenario.File && f.Sequence == 1 && f.Kind == VerificationFailureKind.BadSignature);
        report.Failures[1].Should().Match<VerificationFailure>(f => f.DocumentId == Scenario.File && f.Kind == VerificationFailureKind.UnsignedManifest, "the rewritten manifest no longer matches its signature");
        FluentActions.Invoking(report.ThrowIfInvalid).Should().Throw<SignatureVerificationException>().Which.Sequence.Should().Be(1);
    }

    [Fact]
    public async Task VerifyAsync_RewrittenManifestHash_ReportsTheRecordWhoseFileNoLongerMatches()
    {
        var bundle = fixture.Copy();
        var manifestPath = Path.Combine(bundle, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var relative = $"records/{Scenario.Receipt}/0.sig";
        manifest["files"]!.AsArray().Single(f => (string)f!["path"]! == relative)!["sha256"] = new string('a', 64);
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.Failures.Should().HaveCount(2);
        report.Failures.Should().ContainSingle(f =>
            f.DocumentId == Scenario.Receipt && f.Sequence == 0 && f.Kind == VerificationFailureKind.BundleMismatch && f.Reason.Contains(relative));
        report.Failures.Should().ContainSingle(f => f.Kind == VerificationFailureKind.UnsignedManifest && f.Reason.Contains(nameof(SignatureFailure.Invalid)));
    }

    [Fact]
    public async Task VerifyAsync_WrongRoot_ReportsEveryDocumentUntrustedAtItsFirstRecord()
    {
        var other = DevelopmentCertificateAuthority.CreateRoot("Some Other Root", DevPki.RootFrom, DevPki.RootUntil).Root;

        var report = await BundleVerifier.VerifyAsync(fixture.Pristine, BundleScenario.RootOnly(other));

        report.Failures.Where(f => f.Kind == VerificationFailureKind.BadSignature).Select(f => (f.DocumentId, f.Sequence))
            .Should().BeEquivalentTo(fixture.Export.Documents.Select(d => (d, 0L)));
        report.Failures.Should().OnlyContain(f => f.Reason.Contains(nameof(SignatureFailure.Untrusted)));
    }

    [Fact]
    public async Task VerifyAsync_ReceiptLeftOut_ReportsTheFileRecordThatNamesIt()
    {
        var bundle = fixture.Copy();
        BundleScenario.RemoveDocument(bundle, Scenario.Receipt);

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.Failures.Should().HaveCount(2);
        report.Failures.Should().ContainSingle(f =>
            f.DocumentId == Scenario.File && f.Sequence == 1 && f.Kind == VerificationFailureKind.Incomplete && f.Reason.Contains(Scenario.Receipt.ToString()));
        report.Failures.Should().ContainSingle(f => f.Kind == VerificationFailureKind.UnsignedManifest);
    }

    [Fact]
    public async Task VerifyAsync_AlteredProofOrForeignCheckpointKey_ReportsNotInLog()
    {
        var bundle = fixture.Copy();
        var relative = $"proofs/{Scenario.Notings[1]}/0.txt";
        var lines = File.ReadAllLines(Path.Combine(bundle, relative));
        lines[^1] = new string('0', 64);
        File.WriteAllText(Path.Combine(bundle, relative), string.Join('\n', lines) + "\n");
        BundleScenario.FixManifestHash(bundle, relative);

        var options = BundleScenario.RootOnly();
        options.CheckpointVerifier = new CheckpointVerifier().Register(BundleScenario.Origin, SoftwareKey.Generate("another-log-key", SignatureAlgorithms.Ed25519));
        var report = await BundleVerifier.VerifyAsync(bundle, options);

        report.Failures.Should().HaveCount(3);
        report.Failures.Should().Contain(f => f.DocumentId == Scenario.Notings[1] && f.Sequence == 0 && f.Kind == VerificationFailureKind.NotInLog);
        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.UnsignedManifest, "the proof's new hash was written into the signed manifest");
        report.Failures.Should().Contain(f => f.DocumentId == Scenario.File && f.Sequence == -1 && f.Kind == VerificationFailureKind.NotInLog && f.Reason.Contains("signature"));
    }

    [Fact]
    public async Task VerifyAsync_NotABundle_ThrowsBundleFormatException()
    {
        var empty = fixture.NewPath();
        Directory.CreateDirectory(empty);
        await FluentActions.Awaiting(() => BundleVerifier.VerifyAsync(empty, BundleScenario.RootOnly())).Should().ThrowAsync<BundleFormatException>();

        var bundle = fixture.Copy();
        var manifestPath = Path.Combine(bundle, "manifest.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace($"records/{Scenario.File}/0.bin", "../../etc/passwd", StringComparison.Ordinal));
        await FluentActions.Awaiting(() => BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly())).Should().ThrowAsync<BundleFormatException>().WithMessage("*../../etc/passwd*");
    }

    [Fact]
    public async Task VerifyAsync_CertificateRevokedAfterSigning_VerifiesFromTheBundlesCrl_ButARecordSignedAfterRevocationFails()
    {
        var subCa = DevPki.Root.CreateIntermediate("FileFlow Test Sub-CA (revocation)", DevPki.RootFrom, DevPki.RootUntil);
        var arvind = subCa.IssueOfficerCertificate(DevPki.Request(TestOffice.Arvind));
        var office = BundleScenario.CmsOffice(o => o == TestOffice.Arvind ? arvind : null);
        var before = await BundleScenario.CreateAsync(office);

        office.Tick(60);
        subCa.Revoke(arvind.Certificate, office.Clock.GetUtcNow(), RevocationReason.KeyCompromise);
        office.Tick(60);
        var after = await office.OpenFileAsync("Leave encashment of Shri Ramesh Kumar");
        await office.FireAsync(after.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.FireAsync(after.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        await office.FireAsync(after.Id, DocumentTrigger.Approve, TestOffice.Arvind);
        var crl = subCa.IssueCrl(office.Clock.GetUtcNow(), office.Clock.GetUtcNow().AddDays(30));

        var earlyBundle = fixture.NewPath();
        await before.ExportAsync(earlyBundle, crl);
        Directory.EnumerateFiles(Path.Combine(earlyBundle, "crls"), "*.crl").Should().ContainSingle().Which.Should().Match(p => File.ReadAllBytes(p).SequenceEqual(crl));
        var early = await BundleVerifier.VerifyAsync(earlyBundle, BundleScenario.RootOnly());
        early.Failures.Should().BeEmpty("Arvind approved before his certificate was revoked");

        var lateBundle = fixture.NewPath();
        await before.ExportAsync(after.Id, lateBundle, crl);
        var late = await BundleVerifier.VerifyAsync(lateBundle, BundleScenario.RootOnly());
        late.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
            f.DocumentId == after.Id && f.Sequence == 3 && f.Kind == VerificationFailureKind.BadSignature && f.Reason.Contains(nameof(SignatureFailure.Revoked)));
    }

    [Fact]
    public async Task ExportAsync_OfficersWithEcdsaAndEd25519Certificates_VerifiesWithTheRootAlone_AndOpenSslChecksTheEcdsaRecords()
    {
        var office = BundleScenario.CmsOffice(o =>
            o == TestOffice.Sunita ? DevPki.For(o, CertificateKeyAlgorithm.EcdsaP256)
            : o == TestOffice.Arvind ? DevPki.For(o, CertificateKeyAlgorithm.Ed25519)
            : null);
        var scenario = await BundleScenario.CreateAsync(office);
        var path = fixture.NewPath();
        await scenario.ExportAsync(path);

        var report = await BundleVerifier.VerifyAsync(path, BundleScenario.RootOnly());
        report.Failures.Should().BeEmpty();

        var certificates = Directory.EnumerateFiles(Path.Combine(path, "certs"), "*.pem").Select(f => System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(f))).ToList();
        certificates.Should().Contain(c => c.PublicKey.Oid.Value == "1.2.840.10045.2.1", "Sunita signs with ECDSA P-256");
        certificates.Should().Contain(c => c.PublicKey.Oid.Value == "1.3.101.112", "Arvind signs with Ed25519");

        // OpenSSL 3.0 cannot verify Ed25519 CMS; every RSA and ECDSA record's README command passes.
        var rootPem = fixture.NewPath(".pem");
        File.WriteAllText(rootPem, BundleScenario.Root.ExportCertificatePem());
        var arvindRecords = JsonNode.Parse(File.ReadAllText(Path.Combine(path, "manifest.json")))!["documents"]!.AsArray()
            .SelectMany(d => d!["records"]!.AsArray()).Where(r => (string)r!["actor"]! == TestOffice.Arvind.Value).Select(r => (string)r!["record"]!).ToHashSet();
        arvindRecords.Should().NotBeEmpty();
        var opensslRecords = ReadmeCommands(path).Where(c => c.StartsWith("openssl cms -verify", StringComparison.Ordinal) && !arvindRecords.Any(r => c.Contains("-content " + r + " ", StringComparison.Ordinal))).ToList();
        opensslRecords.Should().Contain(c => c.Contains("manifest.json", StringComparison.Ordinal));
        foreach (var command in opensslRecords)
        {
            var (exit, output) = Shell(path, command, rootPem);
            exit.Should().Be(0, $"'{command}' printed {output}");
        }
    }

    public static TheoryData<string, string> AddedFiles() => new()
    {
        { "NOTE.txt", "The file was approved on 1 April.\n" },
        { "certs/extra-root.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" },
        { "records/extra/0.bin", "not a record" },
    };

    [Theory]
    [MemberData(nameof(AddedFiles))]
    public async Task A_file_added_to_a_bundle_fails_FileFlow_and_the_openssl_path_by_name(string relative, string content)
    {
        var bundle = fixture.Copy();
        var path = Path.Combine(bundle, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.IsValid.Should().BeFalse();
        report.Failures.Should().ContainSingle(f => f.Kind == VerificationFailureKind.BundleMismatch && f.Reason.Contains($"'{relative}' is in the bundle but not in manifest.json", StringComparison.Ordinal));
        FailingReadmeCommands(bundle).Should().ContainSingle().Which.Should().Contain("every file listed");
    }

    [Fact]
    public async Task A_file_listed_only_in_an_edited_SHA256SUMS_fails_its_signature_in_FileFlow_and_openssl()
    {
        var bundle = fixture.Copy();
        File.WriteAllText(Path.Combine(bundle, "NOTE.txt"), "added\n");
        File.AppendAllText(Path.Combine(bundle, "SHA256SUMS"), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("added\n"u8)) + "  NOTE.txt\n");

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.BundleMismatch && f.Reason.Contains("SHA256SUMS does not list exactly", StringComparison.Ordinal));
        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.UnsignedManifest && f.Reason.Contains("signature of SHA256SUMS", StringComparison.Ordinal));
        report.Failures.Should().Contain(f => f.Reason.Contains("'NOTE.txt' is in the bundle but not in manifest.json", StringComparison.Ordinal));
        FailingReadmeCommands(bundle).Should().ContainSingle().Which.Should().Contain("-content SHA256SUMS -in SHA256SUMS.p7s");
    }

    [Fact]
    public async Task A_bundle_without_the_signature_of_SHA256SUMS_is_unsigned()
    {
        var bundle = fixture.Copy();
        File.Delete(Path.Combine(bundle, "SHA256SUMS.p7s"));

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.IsValid.Should().BeFalse();
        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f => f.Kind == VerificationFailureKind.UnsignedManifest && f.Reason.Contains("SHA256SUMS.p7s is missing", StringComparison.Ordinal));
    }

    private List<string> FailingReadmeCommands(string bundle)
    {
        var rootPem = fixture.NewPath(".pem");
        File.WriteAllText(rootPem, BundleScenario.Root.ExportCertificatePem());
        return ReadmeCommands(bundle).Where(c => Shell(bundle, c, rootPem).ExitCode != 0).ToList();
    }

    private static List<string> ReadmeCommands(string bundle) =>
        File.ReadAllLines(Path.Combine(bundle, "README.txt"))
            .Where(l => l.StartsWith("    ", StringComparison.Ordinal) && !l.StartsWith("     ", StringComparison.Ordinal))
            .Select(l => l[4..])
            .Where(l => !l.StartsWith("ROOT=", StringComparison.Ordinal))
            .ToList();

    private static (int ExitCode, string Output) Shell(string workingDirectory, string command, string rootPem)
    {
        var start = new ProcessStartInfo("sh") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["ROOT"] = rootPem;
        return Run(start);
    }

    private static (int ExitCode, string Output) RunBundleCheck(string bundle, string rootPem)
    {
        var directory = typeof(BundleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BundleCheckDirectory").Value!;
        var dll = Path.Combine(directory, "FileFlow.BundleCheck.dll");
        File.Exists(dll).Should().BeTrue($"the test project builds FileFlow.BundleCheck into {directory}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(bundle);
        start.ArgumentList.Add(rootPem);
        return Run(start);
    }

    private static (int ExitCode, string Output) Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
