using System.Text.Json.Nodes;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Signing;
using FileFlow.StoreContract;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit;

/// <summary>The signed manifest commits a bundle to its complete content: documents, heads and files left out or swapped are caught from the bundle alone.</summary>
public sealed class BundleCompletenessTests(BundleFixture fixture) : IClassFixture<BundleFixture>
{
    private BundleScenario Scenario => fixture.Scenario;

    [Fact]
    public void ManifestSignature_OpenSslWithOnlyTheRoot_VerifiesAndRejectsAChangedManifest()
    {
        var rootPem = fixture.NewPath(".pem");
        File.WriteAllText(rootPem, BundleScenario.Root.ExportCertificatePem());
        var exportedAt = ((DateTimeOffset)JsonNode.Parse(File.ReadAllText(Path.Combine(fixture.Pristine, "manifest.json")))!["exportedAt"]!).ToUnixTimeSeconds();
        string[] command = ["cms", "-verify", "-binary", "-inform", "DER", "-content", "manifest.json", "-in", "manifest.p7s", "-CAfile", rootPem, "-purpose", "any", "-attime", exportedAt.ToString(System.Globalization.CultureInfo.InvariantCulture), "-out", "/dev/null"];

        var (exit, output) = OpenSsl.Run(fixture.Pristine, command);
        exit.Should().Be(0, output);
        output.Should().Contain("Verification successful");

        var bundle = fixture.Copy();
        var manifestPath = Path.Combine(bundle, "manifest.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("Medical leave", "Medical-leave", StringComparison.Ordinal));
        var (badExit, badOutput) = OpenSsl.Run(bundle, command);
        badExit.Should().NotBe(0, badOutput);
    }

    [Fact]
    public async Task VerifyAsync_ManifestChanged_ReportsUnsignedManifest()
    {
        var bundle = fixture.Copy();
        var manifestPath = Path.Combine(bundle, "manifest.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("Medical leave", "Medical-leave", StringComparison.Ordinal));

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
            f.DocumentId == Scenario.File && f.Kind == VerificationFailureKind.UnsignedManifest && f.Reason.Contains(nameof(SignatureFailure.Invalid)));
        FluentActions.Invoking(report.ThrowIfInvalid).Should().Throw<VerificationFailedException>().Which.Failure.Kind.Should().Be(VerificationFailureKind.UnsignedManifest);
    }

    [Fact]
    public async Task VerifyAsync_ManifestSignatureRemoved_ReportsUnsignedManifest()
    {
        var bundle = fixture.Copy();
        File.Delete(Path.Combine(bundle, "manifest.p7s"));

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
            f.DocumentId == Scenario.File && f.Kind == VerificationFailureKind.UnsignedManifest && f.Reason.Contains("manifest.p7s"));
    }

    [Fact]
    public async Task VerifyAsync_ManifestResignedByAnOfficer_FailsWhenTheExportCertificateIsPinned()
    {
        var bundle = fixture.Copy();
        BundleScenario.RemoveDocument(bundle, Scenario.Notings[1]);
        var manifestPath = Path.Combine(bundle, "manifest.json");
        var manifest = File.ReadAllBytes(manifestPath);
        var exportedAt = (DateTimeOffset)JsonNode.Parse(manifest)!["exportedAt"]!;
        var insider = await DevPki.For(TestOffice.Ramesh).CreateSigner().SignAsync(manifest, exportedAt);
        File.WriteAllBytes(Path.Combine(bundle, "manifest.p7s"), insider.Value);

        var pinned = BundleScenario.RootOnly();
        pinned.ManifestSignerKeyId = DevPki.ExportService.KeyId;
        var report = await BundleVerifier.VerifyAsync(bundle, pinned);

        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
            f.Kind == VerificationFailureKind.UnsignedManifest && f.Reason.Contains(nameof(SignatureFailure.UnknownKey)));
        (await BundleVerifier.VerifyAsync(fixture.Pristine, pinned)).Failures.Should().BeEmpty();

        // Unpinned, the insider's signature is still refused: the manifest names the export certificate as its signer.
        var unpinned = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());
        unpinned.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
            f.Kind == VerificationFailureKind.UnsignedManifest && f.Reason.Contains(nameof(SignatureFailure.UnknownKey)));
        unpinned.ManifestSigner.Should().BeNull();

        // A forger who also names their own certificate as the signer: refused because an officer's certificate has no Export role
        // (issue 15; before service roles it was refused as one of the file's own signers), and by the pin.
        var own = JsonNode.Parse(manifest)!;
        own["signerKeyId"] = DevPki.For(TestOffice.Ramesh).KeyId;
        var ownBytes = System.Text.Encoding.UTF8.GetBytes(own.ToJsonString());
        File.WriteAllBytes(manifestPath, ownBytes);
        File.WriteAllBytes(Path.Combine(bundle, "manifest.p7s"), (await DevPki.For(TestOffice.Ramesh).CreateSigner().SignAsync(ownBytes, exportedAt)).Value);
        var selfVouched = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());
        selfVouched.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
            f.Kind == VerificationFailureKind.UnsignedManifest && f.Reason.Contains(nameof(SignatureFailure.WrongRole)) && f.Reason.Contains("Export role"));
        (await BundleVerifier.VerifyAsync(bundle, pinned)).Failures.Should().ContainSingle().Which.Reason.Should().Contain(nameof(SignatureFailure.UnknownKey));
    }

    [Fact]
    public async Task VerifyAsync_GenuineBundle_NamesTheManifestSigner()
    {
        var report = await BundleVerifier.VerifyAsync(fixture.Pristine, BundleScenario.RootOnly());

        report.Failures.Should().BeEmpty();
        report.ManifestSigner.Should().Be(DevPki.ExportService.Certificate.Subject);
    }

    [Fact]
    public async Task VerifyAsync_WholeNotingsFilesRemoved_NamesTheNoting()
    {
        var bundle = fixture.Copy();
        var noting = Scenario.Notings[0];
        Directory.Delete(Path.Combine(bundle, "records", noting.ToString()), recursive: true);
        Directory.Delete(Path.Combine(bundle, "proofs", noting.ToString()), recursive: true);

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.IsValid.Should().BeFalse();
        report.Failures.Should().Contain(f => f.DocumentId == noting && f.Sequence == 0 && f.Kind == VerificationFailureKind.Missing);
        report.Failures.Should().OnlyContain(f => f.DocumentId == noting, "nothing else was touched");
        FluentActions.Invoking(report.ThrowIfInvalid).Should().Throw<VerificationFailedException>().Which.DocumentId.Should().Be(noting);
    }

    [Fact]
    public async Task VerifyAsync_WholeNotingRemovedWithItsManifestEntries_FailsOnTheManifestSignature()
    {
        var bundle = fixture.Copy();
        BundleScenario.RemoveDocument(bundle, Scenario.Notings[0]);

        var report = await BundleVerifier.VerifyAsync(bundle, BundleScenario.RootOnly());

        report.Documents.Should().Be(3);
        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
            f.DocumentId == Scenario.File && f.Kind == VerificationFailureKind.UnsignedManifest);
    }

    [Fact]
    public async Task VerifyAsync_LastRecordOfADocumentRemoved_ReportsItMissing()
    {
        var noting = Scenario.Notings[0];
        var head = (await Scenario.Office.Store.GetHeadAsync(noting))!.Sequence;
        head.Should().BeGreaterThan(0);

        // Only the files: the signed manifest still lists the record.
        var filesOnly = fixture.Copy();
        foreach (var extension in new[] { "bin", "sig", "content" })
        {
            File.Delete(BundleScenario.RecordPath(filesOnly, noting, head, extension));
        }

        var report = await BundleVerifier.VerifyAsync(filesOnly, BundleScenario.RootOnly());
        report.Failures.Should().Contain(f => f.DocumentId == noting && f.Sequence == head && f.Kind == VerificationFailureKind.Missing);

        // Files and manifest entries: the manifest's head still names the record, and its signature no longer holds.
        var both = fixture.Copy();
        RemoveLastRecord(both, noting, head);
        report = await BundleVerifier.VerifyAsync(both, BundleScenario.RootOnly());
        report.Failures.Should().Contain(f => f.DocumentId == noting && f.Sequence == head && f.Kind == VerificationFailureKind.Missing && f.Reason.Contains($"head is record {head}"));
        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.UnsignedManifest);
        FluentActions.Invoking(report.ThrowIfInvalid).Should().Throw<VerificationFailedException>().Which.DocumentId.Should().Be(noting);
    }

    [Fact]
    public async Task VerifyAsync_OlderManifestSwappedIn_Fails_AndAnOlderBundleFailsAgainstALaterKeptCheckpoint()
    {
        var scenario = await BundleScenario.CreateAsync();
        var older = fixture.NewPath();
        var olderExport = await scenario.ExportAsync(older);
        scenario.Office.Tick();
        var late = await scenario.Office.Engine.WriteNotingAsync(TestOffice.Arvind, scenario.File, NotingContent.Number("Sanction order issued."));
        scenario.Office.Tick();
        var newer = fixture.NewPath();
        var newerExport = await scenario.ExportAsync(newer);
        newerExport.Documents.Should().Contain(late.Head.Id);
        (await BundleVerifier.VerifyAsync(older, BundleScenario.RootOnly())).Failures.Should().BeEmpty("the older bundle was genuine when exported");

        foreach (var name in new[] { "manifest.json", "manifest.p7s" })
        {
            File.Copy(Path.Combine(older, name), Path.Combine(newer, name), overwrite: true);
        }

        var swapped = await BundleVerifier.VerifyAsync(newer, BundleScenario.RootOnly());
        swapped.IsValid.Should().BeFalse();
        swapped.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.BundleMismatch && f.Reason.Contains($"records/{late.Head.Id}/0.bin") && f.Reason.Contains("not in manifest.json"));
        swapped.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.BundleMismatch && f.Reason.Contains("checkpoint.txt"));

        var kept = BundleScenario.RootOnly();
        kept.TrustedCheckpoint = newerExport.Checkpoint.Checkpoint;
        olderExport.Checkpoint.Checkpoint.TreeSize.Should().BeLessThan(newerExport.Checkpoint.Checkpoint.TreeSize);
        var rolledBack = await BundleVerifier.VerifyAsync(older, kept);
        rolledBack.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
            f.DocumentId == scenario.File && f.Kind == VerificationFailureKind.NotInLog && f.Reason.Contains("not the trusted one"));
    }

    [Fact]
    public async Task ExportAsync_WithoutAManifestSigner_ThrowsAndWritesNothing()
    {
        var options = BundleScenario.ExportOptions(Scenario.Office);
        options.ManifestSigner = null;
        var path = fixture.NewPath();

        await FluentActions.Awaiting(() => BundleExporter.ExportAsync(Scenario.Office.Store, Scenario.File, options, path))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*manifest signer*");
        Directory.Exists(path).Should().BeFalse();

        options.ManifestSigner = BundleScenario.LogKey.CreateSigner();
        await FluentActions.Awaiting(() => BundleExporter.ExportAsync(Scenario.Office.Store, Scenario.File, options, path))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*CMS*");
        Directory.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task ExportAsync_FileWithADraftForApproval_IncludesTheDraftAndVerifies()
    {
        var scenario = await BundleScenario.CreateAsync();
        var holder = await scenario.Office.Store.GetHeadAsync(scenario.File);
        var officer = scenario.Office.Chart.Officers.First(o => scenario.Office.Chart.PostsActingFor(o.Id, scenario.Office.Clock.GetUtcNow()).Any(p => p.Post == holder!.Holder)).Id;
        var draft = await scenario.Office.Engine.DraftForApprovalAsync(officer, scenario.File, "Sanction of medical leave", NotingContent.Number("Sanction is accorded to 10 days' medical leave."));
        var path = fixture.NewPath();

        var export = await scenario.ExportAsync(path);

        export.Documents.Should().Contain(draft.Head.Id);
        var report = await BundleVerifier.VerifyAsync(path, BundleScenario.RootOnly());
        report.Failures.Should().BeEmpty();
        report.Documents.Should().Be(5);
    }

    /// <summary>Drops a document's last record: its files, its proof and its manifest entries (a forger's edit; the head field is left).</summary>
    internal static void RemoveLastRecord(string bundle, DocumentId document, long sequence)
    {
        var id = document.ToString();
        var prefixes = new[] { $"records/{id}/{sequence}.", $"proofs/{id}/{sequence}." };
        foreach (var file in Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories).ToList())
        {
            var relative = Path.GetRelativePath(bundle, file).Replace(Path.DirectorySeparatorChar, '/');
            if (prefixes.Any(p => relative.StartsWith(p, StringComparison.Ordinal)))
            {
                File.Delete(file);
            }
        }

        var manifestPath = Path.Combine(bundle, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var records = manifest["documents"]!.AsArray().Single(d => (string)d!["id"]! == id)!["records"]!.AsArray();
        records.Remove(records.Single(r => (long)r!["sequence"]! == sequence));
        var files = manifest["files"]!.AsArray();
        foreach (var file in files.Where(f => prefixes.Any(p => ((string)f!["path"]!).StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            files.Remove(file);
        }

        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }
}
