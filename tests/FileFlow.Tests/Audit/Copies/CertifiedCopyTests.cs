using System.Diagnostics;
using System.Text;
using FileFlow.Audit;
using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.StoreContract;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit.Copies;

/// <summary>A certified copy: released records and certificates, withheld parts left out and listed with their withholding records, signed by the PIO,
/// readable as copy.html, and checked by the library and by openssl alone.</summary>
public sealed class CertifiedCopyTests : IAsyncLifetime
{
    private readonly List<string> paths = [];
    private CertifiedCopyScenario scenario = null!;
    private string pristine = null!;
    private CertifiedCopyResult export = null!;

    public async Task InitializeAsync()
    {
        scenario = await CertifiedCopyScenario.CreateAsync();
        await scenario.WithholdAsync();
        pristine = NewPath();
        export = await CertifiedCopyExporter.ExportAsync(scenario.Office.Store, scenario.File, scenario.Options(), pristine);
    }

    public Task DisposeAsync()
    {
        foreach (var path in paths.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public void Export_ReleasesTheFileAndItsNotings_AndListsTheLetterAndTheParagraphAsWithheld()
    {
        export.Released.Should().BeEquivalentTo([scenario.File, scenario.FirstNoting, scenario.SecondNoting]);
        export.Withheld.Select(w => (w.Document, w.Paragraph, w.Section.ToString())).Should().BeEquivalentTo(
            [(scenario.Letter, (int?)null, "8(1)(g)"), (scenario.FirstNoting, (int?)2, "8(1)(j)")]);
        foreach (var name in new[] { "manifest.json", "manifest.p7s", "SHA256SUMS", "SHA256SUMS.p7s", "README.txt", "copy.html", "withheld.json" })
        {
            File.Exists(Path.Combine(pristine, name)).Should().BeTrue(name);
        }

        Directory.Exists(Path.Combine(pristine, "records", scenario.Letter.ToString())).Should().BeFalse("a document withheld whole is left out");
        Directory.EnumerateFiles(Path.Combine(pristine, "records", scenario.FirstNoting.ToString()), "*.content").Should().BeEmpty("a noting with a paragraph withheld carries none of its text");
        Directory.EnumerateFiles(Path.Combine(pristine, "records", scenario.SecondNoting.ToString()), "*.content").Should().NotBeEmpty();
        Directory.EnumerateFiles(Path.Combine(pristine, "certs"), "*.pem").Should().NotBeEmpty();
        File.ReadAllText(Path.Combine(pristine, "manifest.json")).Should().Contain("\"copy.html\"");
    }

    [Fact]
    public void Export_WithheldTextAppearsInNoFileOfTheCopy()
    {
        foreach (var secret in new[] { "XYZ-SECRET-RECEIPT", "WITHHELD-PARA-TEXT", CertifiedCopyScenario.SecretSubject })
        {
            var needle = Encoding.UTF8.GetBytes(secret);
            foreach (var file in Directory.EnumerateFiles(pristine, "*", SearchOption.AllDirectories))
            {
                File.ReadAllBytes(file).AsSpan().IndexOf(needle).Should().Be(-1, $"'{secret}' is withheld but appears in {Path.GetRelativePath(pristine, file)}");
            }
        }
    }

    [Fact]
    public void CopyHtml_IsHindiUtf8_WithAnIndicFontStack_AndShowsEachWithheldPartAsItsMarker()
    {
        var html = File.ReadAllText(Path.Combine(pristine, "copy.html"), Encoding.UTF8);

        html.Should().StartWith("<!DOCTYPE html>");
        html.Should().Contain("<html lang=\"hi\">").And.Contain("<meta charset=\"utf-8\">").And.Contain("'Noto Sans Devanagari'");
        html.Should().Contain(CertifiedCopyScenario.HindiParagraph).And.Contain("अवकाश स्वीकृत किया जा सकता है।");
        html.Should().Contain("[withheld under section 8(1)(j): personal information of a third party]");
        html.Should().Contain("[withheld under section 8(1)(g): would identify a source of information given in confidence]");
        html.Should().Contain("The leave is admissible under rule 19.");
        html.Should().Contain("RTI application DHS/RTI/2026/118");
    }

    [Fact]
    public async Task Verify_APristineCopy_Passes_NamingThePioAsSigner()
    {
        var report = await CertifiedCopyVerifier.VerifyAsync(pristine, TrustRoot());

        report.Failures.Should().BeEmpty();
        report.Documents.Should().Be(3);
        report.Records.Should().Be(export.Records);
        report.ManifestSigner.Should().Contain("priya");
    }

    [Fact]
    public async Task Verify_AnEditedRecord_FailsNamingTheRecordFile()
    {
        var copy = Copy();
        var relative = $"records/{scenario.File}/1.bin";
        Flip(Path.Combine(copy, relative));

        var report = await CertifiedCopyVerifier.VerifyAsync(copy, TrustRoot());

        report.IsValid.Should().BeFalse();
        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.BundleMismatch && f.Reason.Contains(relative, StringComparison.Ordinal));
        report.Failures.Should().Contain(f => f.DocumentId == scenario.File && f.Sequence == 1 && f.Kind == VerificationFailureKind.BadSignature);
    }

    [Fact]
    public async Task Verify_AnAddedFile_FailsNamingIt()
    {
        var copy = Copy();
        File.WriteAllText(Path.Combine(copy, "letter.txt"), CertifiedCopyScenario.SecretSubject);

        var report = await CertifiedCopyVerifier.VerifyAsync(copy, TrustRoot());

        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f => f.Kind == VerificationFailureKind.BundleMismatch && f.Reason.Contains("'letter.txt'"));
    }

    [Fact]
    public async Task Verify_WithTheWithheldListDropped_FailsNamingIt()
    {
        var copy = Copy();
        File.Delete(Path.Combine(copy, "withheld.json"));

        var report = await CertifiedCopyVerifier.VerifyAsync(copy, TrustRoot());

        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.Incomplete && f.Reason.Contains("withheld.json", StringComparison.Ordinal));
        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.BundleMismatch && f.Reason.Contains("'withheld.json' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_AManifestReSignedByAnotherOfficer_FailsAsUnsigned()
    {
        var copy = Copy();
        var manifest = File.ReadAllBytes(Path.Combine(copy, "manifest.json"));
        var forged = await DevPki.For(TestOffice.Meera).CreateSigner().SignAsync(manifest, File.GetLastWriteTimeUtc(Path.Combine(copy, "manifest.json")));
        File.WriteAllBytes(Path.Combine(copy, "manifest.p7s"), forged.Value);

        var report = await CertifiedCopyVerifier.VerifyAsync(copy, TrustRoot());

        report.Failures.Should().Contain(f => f.Kind == VerificationFailureKind.UnsignedManifest && f.Reason.Contains("manifest.p7s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_ByAnOfficerWhoIsNotThePio_IsATypedError_AndWritesNothing()
    {
        var path = NewPath();

        var act = async () => await CertifiedCopyExporter.ExportAsync(scenario.Office.Store, scenario.File, scenario.Options(TestOffice.Meera), path);

        (await act.Should().ThrowAsync<NotPublicInformationOfficerException>()).Which.Officer.Should().Be(TestOffice.Meera);
        Directory.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task Export_WithAGradedPartNotWithheld_IsATypedErrorNamingIt_AndWritesNothing()
    {
        var fresh = await CertifiedCopyScenario.CreateAsync();
        var path = NewPath();

        var act = async () => await CertifiedCopyExporter.ExportAsync(fresh.Office.Store, fresh.File, fresh.Options(), path);

        var error = (await act.Should().ThrowAsync<GradedPartNotWithheldException>()).Which;
        error.Part.Should().Be(fresh.Letter);
        error.Grading.Should().Be(SecurityGrading.Confidential);
        Directory.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task Export_AtTheLettersClearance_ReleasesItUnlessWithheld()
    {
        var fresh = await CertifiedCopyScenario.CreateAsync();
        var options = fresh.Options();
        options.Clearance = SecurityGrading.Confidential;
        var path = NewPath();

        var result = await CertifiedCopyExporter.ExportAsync(fresh.Office.Store, fresh.File, options, path);

        result.Released.Should().Contain(fresh.Letter);
        result.Withheld.Should().BeEmpty();
        (await CertifiedCopyVerifier.VerifyAsync(path, TrustRoot())).Failures.Should().BeEmpty();
    }

    [Fact]
    public void ReadmeCommands_OpenSslAndCoreutilsAlone_PassForThePristineCopy_AndFailForEachTampering()
    {
        var rootPem = NewPath() + ".pem";
        File.WriteAllText(rootPem, DevPki.Root.Root.ExportCertificatePem());
        var commands = ReadmeCommands(pristine);
        commands.Count(c => c.StartsWith("openssl cms -verify", StringComparison.Ordinal) && c.Contains("-content records/", StringComparison.Ordinal)).Should().Be(export.Records);
        commands.Should().Contain(c => c.Contains("-content manifest.json -in manifest.p7s", StringComparison.Ordinal));
        commands.Should().Contain("sha256sum -c SHA256SUMS");

        foreach (var command in commands)
        {
            var (exit, output) = Shell(pristine, command, rootPem);
            exit.Should().Be(0, $"'{command}' printed {output}");
        }

        var edited = Copy();
        var relative = $"records/{scenario.File}/1.bin";
        Flip(Path.Combine(edited, relative));
        var failing = commands.Where(c => Shell(edited, c, rootPem).ExitCode != 0).ToList();
        failing.Should().Contain("sha256sum -c SHA256SUMS");
        failing.Should().Contain(c => c.StartsWith("openssl cms", StringComparison.Ordinal) && c.Contains("-content " + relative, StringComparison.Ordinal));

        var added = Copy();
        File.WriteAllText(Path.Combine(added, "extra.txt"), "added");
        commands.Where(c => Shell(added, c, rootPem).ExitCode != 0).Should().ContainSingle().Which.Should().Contain("every file listed");

        var dropped = Copy();
        File.Delete(Path.Combine(dropped, "withheld.json"));
        failing = commands.Where(c => Shell(dropped, c, rootPem).ExitCode != 0).ToList();
        failing.Should().Contain("sha256sum -c SHA256SUMS").And.Contain(c => c.Contains("every file listed", StringComparison.Ordinal));
    }

    private static BundleVerificationOptions TrustRoot()
    {
        var options = new BundleVerificationOptions();
        options.TrustAnchors.Add(DevPki.Root.Root);
        return options;
    }

    private static void Flip(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    private string NewPath()
    {
        var path = CertifiedCopyScenario.NewTempPath();
        paths.Add(path);
        return path;
    }

    private string Copy()
    {
        var target = NewPath();
        foreach (var file in Directory.EnumerateFiles(pristine, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(pristine, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    private static List<string> ReadmeCommands(string copy) =>
        File.ReadAllLines(Path.Combine(copy, "README.txt"))
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
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
