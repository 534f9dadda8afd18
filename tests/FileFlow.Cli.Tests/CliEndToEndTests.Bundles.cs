using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Tests;

/// <summary>export and verify --bundle end to end: a bundle of a simulated file verifies offline with only the root certificate, and damage to it is named.</summary>
public sealed partial class CliEndToEndTests
{
    [Theory]
    [InlineData("bundle")]
    [InlineData("bundle.zip")]
    public async Task Export_then_verify_bundle_with_only_the_root_certificate_exits_zero(string name)
    {
        var (number, bundle) = await ExportClosedFileAsync(name);
        var root = Path.Combine(store.Directory, "auditor-root.pem");
        File.Copy(store.Db + ".root.pem", root, overwrite: true);

        var verify = await Cli.RunProcessAsync(store.Directory, "verify", "--bundle", bundle, "--root", root, "--json");

        verify.ExitCode.Should().Be(0, verify.ToString());
        var report = verify.Json;
        report.GetProperty("valid").GetBoolean().Should().BeTrue();
        report.GetProperty("records").GetInt64().Should().BeGreaterThan(3);
        report.GetProperty("documents").GetInt64().Should().BeGreaterThanOrEqualTo(2, $"{number} has its application receipt");
        report.GetProperty("failures").GetArrayLength().Should().Be(0);
        (BundleIsZip(bundle) ? File.Exists(bundle) : Directory.Exists(Path.Combine(bundle, "records"))).Should().BeTrue();
    }

    [Fact]
    public async Task Verify_bundle_defaults_to_the_stores_root_and_checks_the_checkpoint_signature_with_its_log_key()
    {
        var (_, bundle) = await ExportClosedFileAsync("default-root");

        var verify = await Cli.RunInProcessAsync("verify", "--bundle", bundle, "--db", store.Db);

        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Stdout.Should().Contain("Verified bundle");
    }

    [Fact]
    public async Task Verify_bundle_with_another_root_exits_one()
    {
        var (_, bundle) = await ExportClosedFileAsync("other-root");
        var other = Path.Combine(store.Directory, "other");
        var simulate = await Cli.RunInProcessAsync("simulate", "--files", "5", "--offices", "1", "--seed", "99", "--days", "5", "--db", other + ".db", "--json");
        simulate.ExitCode.Should().Be(0, simulate.ToString());

        var verify = await Cli.RunInProcessAsync("verify", "--bundle", bundle, "--root", other + ".db.root.pem", "--json");

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.Json.GetProperty("failures").EnumerateArray().Should().Contain(f => f.GetProperty("kind").GetString() == "BadSignature");
    }

    [Fact]
    public async Task Flipping_one_byte_of_a_bundle_record_makes_verify_bundle_exit_one_and_name_it()
    {
        var (_, bundle) = await ExportClosedFileAsync("flipped");
        var record = Directory.EnumerateFiles(Path.Combine(bundle, "records"), "2.bin", SearchOption.AllDirectories).First();
        var document = Path.GetFileName(Path.GetDirectoryName(record))!;
        var bytes = await File.ReadAllBytesAsync(record);
        bytes[^3] ^= 0x01;
        await File.WriteAllBytesAsync(record, bytes);

        var verify = await Cli.RunProcessAsync(store.Directory, "verify", "--bundle", bundle, "--root", store.Db + ".root.pem", "--json");

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.Json.GetProperty("valid").GetBoolean().Should().BeFalse();
        verify.Json.GetProperty("failures").EnumerateArray().Should().Contain(f => f.GetProperty("document").GetString() == document && f.GetProperty("sequence").GetInt64() == 2);
        verify.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain(document).And.Contain("record 2");
    }

    [Fact]
    public async Task Deleting_a_whole_record_file_from_a_bundle_makes_verify_bundle_exit_one()
    {
        var (_, bundle) = await ExportClosedFileAsync("deleted");
        var record = Directory.EnumerateFiles(Path.Combine(bundle, "records"), "3.bin", SearchOption.AllDirectories).First();
        var document = Path.GetFileName(Path.GetDirectoryName(record))!;
        File.Delete(record);

        var verify = await Cli.RunInProcessAsync("verify", "--bundle", bundle, "--root", store.Db + ".root.pem", "--json");

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.Json.GetProperty("failures").EnumerateArray().Should().Contain(f => f.GetProperty("document").GetString() == document && f.GetProperty("sequence").GetInt64() == 3);
        verify.Stderr.Should().Contain(document);
    }

    [Fact]
    public async Task Verify_of_a_folder_that_is_not_a_bundle_exits_one()
    {
        var folder = Directory.CreateDirectory(Path.Combine(store.Directory, "not-a-bundle")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "hello");

        var verify = await Cli.RunInProcessAsync("verify", "--bundle", folder, "--root", store.Db + ".root.pem");

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.Stderr.Trim().Should().Contain("manifest.json").And.NotContain("\n");
    }

    [Fact]
    public async Task Export_of_an_unknown_file_number_exits_two_with_one_line_and_writes_nothing()
    {
        var output = Path.Combine(store.Directory, "unknown.zip");

        var run = await Cli.RunInProcessAsync("export", "--db", store.Db, "--file", "NO/SUCH/FILE/9/1999", "--out", output);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Should().Contain("NO/SUCH/FILE/9/1999").And.NotContain("\n");
        File.Exists(output).Should().BeFalse();
    }

    [Fact]
    public async Task Export_onto_an_existing_zip_exits_two_and_leaves_it_alone()
    {
        var (number, bundle) = await ExportClosedFileAsync("twice.zip");
        var before = await File.ReadAllBytesAsync(bundle);

        var run = await Cli.RunInProcessAsync("export", "--db", store.Db, "--file", number, "--out", bundle);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Should().Contain("already exists").And.NotContain("\n");
        (await File.ReadAllBytesAsync(bundle)).Should().Equal(before);
    }

    [Fact]
    public async Task Export_right_after_simulate_writes_a_v4_bundle_that_proves_each_documents_head_and_verifies()
    {
        SignedCheckpoint.Parse(await File.ReadAllTextAsync(store.Db + ".checkpoint.txt")).Checkpoint.Heads.Should().NotBeNull("simulate's checkpoints commit to the document heads");
        var (_, bundle) = await ExportClosedFileAsync("v4");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(bundle, "manifest.json")))!;

        var verify = await Cli.RunInProcessAsync("verify", "--bundle", bundle, "--root", store.Db + ".root.pem", "--json");

        ((string)manifest["format"]!).Should().Be("fileflow-bundle/v4");
        manifest["documents"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(d => File.Exists(Path.Combine(bundle, (string)d!["headProof"]!)));
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Json.GetProperty("failures").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_bundle_exported_after_simulate_with_its_last_record_dropped_and_re_signed_with_the_export_key_fails_verify_bundle()
    {
        var (_, bundle) = await ExportClosedFileAsync("dropped-last");
        var manifestPath = Path.Combine(bundle, "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        var document = manifest["documents"]!.AsArray().MaxBy(d => (long)d!["headSequence"]!)!;
        var id = (string)document["id"]!;
        var head = (long)document["headSequence"]!;
        head.Should().BePositive();

        // The insider leaves out the document's last record and its proof, moves the stated head back, and re-signs manifest and SHA256SUMS with the store's export key.
        var prefixes = new[] { $"records/{id}/{head}.", $"proofs/{id}/{head}." };
        foreach (var file in Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories).ToList())
        {
            if (prefixes.Any(p => Path.GetRelativePath(bundle, file).Replace(Path.DirectorySeparatorChar, '/').StartsWith(p, StringComparison.Ordinal)))
            {
                File.Delete(file);
            }
        }

        var records = document["records"]!.AsArray();
        records.Remove(records.Single(r => (long)r!["sequence"]! == head));
        var last = records.MaxBy(r => (long)r!["sequence"]!)!;
        document["headSequence"] = (long)last["sequence"]!;
        document["headHash"] = (string)last["sha256"]!;
        var files = manifest["files"]!.AsArray();
        foreach (var file in files.Where(f => prefixes.Any(p => ((string)f!["path"]!).StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            files.Remove(file);
        }

        await ReSignWithTheExportKeyAsync(bundle, manifest);

        var verify = await Cli.RunInProcessAsync("verify", "--bundle", bundle, "--root", store.Db + ".root.pem", "--json");

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.Json.GetProperty("failures").EnumerateArray().Should().ContainSingle().Which.Should().Match<JsonElement>(f =>
            f.GetProperty("document").GetString() == id && f.GetProperty("sequence").GetInt64() == head - 1
            && f.GetProperty("kind").GetString() == "Incomplete" && f.GetProperty("reason").GetString()!.Contains("records after it are left out"));
    }

    /// <summary>What an insider holding the store's export credential does after editing a bundle: writes the manifest and re-makes SHA256SUMS and both signatures.</summary>
    private async Task ReSignWithTheExportKeyAsync(string bundle, JsonNode manifest) =>
        await FileFlow.Tests.Audit.BundleForgery.ReSignAsync(bundle, manifest, OfficerCredential.LoadPkcs12(store.Db + ".export.pfx", Sidecars.ExportPassword).CreateSigner());

    private async Task<(string Number, string Bundle)> ExportClosedFileAsync(string name)
    {
        var files = await Cli.RunInProcessAsync("files", "--db", store.Db, "--state", "Closed", "--limit", "1", "--json");
        files.ExitCode.Should().Be(0, files.ToString());
        var number = files.Json.GetProperty("items")[0].GetProperty("fileNumber").GetString()!;
        var bundle = Path.Combine(store.Directory, Guid.NewGuid().ToString("N")[..8] + "-" + name);
        var export = await Cli.RunInProcessAsync("export", "--db", store.Db, "--file", number, "--out", bundle, "--json");
        export.ExitCode.Should().Be(0, export.ToString());
        export.Json.GetProperty("fileNumber").GetString().Should().Be(number);
        export.Json.GetProperty("records").GetInt32().Should().BePositive();
        return (number, bundle);
    }

    private static bool BundleIsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
}
