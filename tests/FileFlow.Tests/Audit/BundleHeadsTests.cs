using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.StoreContract;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit;

/// <summary>Issue 15: a bundle proved against a checkpoint that commits to the document heads (format v4) states each document's head as the log key
/// committed it, so a bundle that leaves out the last record fails even when its manifest and SHA256SUMS are re-signed with the export key.</summary>
public sealed class BundleHeadsTests
{
    private static BundleVerificationOptions Options()
    {
        var options = BundleScenario.RootOnly();
        options.CheckpointVerifier = new CheckpointVerifier().Register(BundleScenario.Origin, BundleScenario.LogKey);
        return options;
    }

    private static async Task<(BundleScenario Scenario, string Bundle)> ExportWithHeadsAsync()
    {
        var scenario = await BundleScenario.CreateAsync();
        var checkpoint = await MerkleLog.CreateCheckpointWithHeadsAsync(scenario.Office.Store, BundleScenario.Origin, BundleScenario.LogKey.CreateSigner(), scenario.Office.Clock);
        var options = BundleScenario.ExportOptions(scenario.Office);
        options.Checkpoint = checkpoint;
        var bundle = BundleScenario.NewTempPath();
        await BundleExporter.ExportAsync(scenario.Office.Store, scenario.File, options, bundle);
        return (scenario, bundle);
    }

    [Fact]
    public async Task ExportAsync_CheckpointWithHeads_WritesAV4BundleWithAHeadProofPerDocumentThatVerifies()
    {
        var (scenario, bundle) = await ExportWithHeadsAsync();
        try
        {
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(bundle, "manifest.json")))!;
            ((string)manifest["format"]!).Should().Be("fileflow-bundle/v4");
            manifest["documents"]!.AsArray().Should().OnlyContain(d => File.Exists(Path.Combine(bundle, (string)d!["headProof"]!)));

            var report = await BundleVerifier.VerifyAsync(bundle, Options());

            report.Failures.Should().BeEmpty();
            report.Documents.Should().Be(1 + scenario.Notings.Count + 1);
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    [Fact]
    public async Task VerifyAsync_LastRecordLeftOutAndManifestReSignedWithTheExportKey_FailsAgainstTheCommittedHead()
    {
        var (scenario, bundle) = await ExportWithHeadsAsync();
        try
        {
            var noting = scenario.Notings[0];
            var head = (await scenario.Office.Store.GetHeadAsync(noting))!.Sequence;
            BundleCompletenessTests.RemoveLastRecord(bundle, noting, head);
            await ReSignAsInsiderAsync(bundle, noting);

            var report = await BundleVerifier.VerifyAsync(bundle, Options());

            report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
                f.DocumentId == noting && f.Sequence == head - 1 && f.Kind == VerificationFailureKind.Incomplete && f.Reason.Contains("records after it are left out"));
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    [Fact]
    public async Task VerifyAsync_HeadProofRemovedFromAV4Bundle_FailsNamingTheDocument()
    {
        var (scenario, bundle) = await ExportWithHeadsAsync();
        try
        {
            var noting = scenario.Notings[1];
            var manifestPath = Path.Combine(bundle, "manifest.json");
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
            var document = manifest["documents"]!.AsArray().Single(d => (string)d!["id"]! == noting.ToString())!.AsObject();
            var proof = (string)document["headProof"]!;
            document.Remove("headProof");
            var files = manifest["files"]!.AsArray();
            files.Remove(files.Single(f => (string)f!["path"]! == proof));
            File.Delete(Path.Combine(bundle, proof));
            await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
            await ReSignAsInsiderAsync(bundle, null);

            var report = await BundleVerifier.VerifyAsync(bundle, Options());

            report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f =>
                f.DocumentId == noting && f.Kind == VerificationFailureKind.Incomplete && f.Reason.Contains("no proof of this document's head"));
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    /// <summary>What an insider with the export key does after editing a bundle: the head moved back (when <paramref name="document"/> is given), then
    /// the manifest, SHA256SUMS and both signatures re-made so every export-key check holds.</summary>
    private static async Task ReSignAsInsiderAsync(string bundle, DocumentId? document)
    {
        var manifestPath = Path.Combine(bundle, "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        if (document is { } id)
        {
            var entry = manifest["documents"]!.AsArray().Single(d => (string)d!["id"]! == id.ToString())!;
            var last = entry["records"]!.AsArray().MaxBy(r => (long)r!["sequence"]!)!;
            entry["headSequence"] = (long)last["sequence"]!;
            entry["headHash"] = (string)last["sha256"]!;
        }

        await BundleForgery.ReSignAsync(bundle, manifest, DevPki.ExportService.CreateSigner());
    }
}
