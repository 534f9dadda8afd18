using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit;

/// <summary>A CMS-signing office with one file routed to approval with a receipt and two notings, plus an unrelated file; and helpers to export and tamper.</summary>
public sealed class BundleScenario
{
    public const string Origin = "health-dte.example.gov.in/fileflow";
    public static readonly SoftwareKey LogKey = SoftwareKey.Generate("bundle-log-key", SignatureAlgorithms.Ed25519);

    private BundleScenario(TestOffice office) => Office = office;

    public TestOffice Office { get; }

    public DocumentId File { get; private set; }

    public DocumentId Receipt { get; private set; }

    public List<DocumentId> Notings { get; } = [];

    public DocumentId Unrelated { get; private set; }

    public static X509Certificate2 Root => DevPki.Root.Root;

    /// <summary>An office whose officers sign CMS with development-CA certificates (<paramref name="credential"/> overrides some officers).</summary>
    public static TestOffice CmsOffice(Func<OfficerId, OfficerCredential?>? credential = null)
    {
        var office = TestOffice.Create();
        foreach (var officer in office.Chart.Officers)
        {
            office.Signers.Register(officer.Id, (credential?.Invoke(officer.Id) ?? DevPki.For(officer.Id)).CreateSigner());
        }

        return office;
    }

    public static async Task<BundleScenario> CreateAsync(TestOffice? office = null)
    {
        var scenario = new BundleScenario(office ?? CmsOffice());
        var o = scenario.Office;
        var unrelated = await o.OpenFileAsync("Earned leave of Smt Sunita Verma");
        scenario.Unrelated = unrelated.Id;
        var receipt = await o.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        scenario.Receipt = receipt.Head.Id;
        o.Tick();
        var file = await o.OpenFileAsync();
        scenario.File = file.Id;
        await o.Engine.FireAsync(new FileFlow.Engine.DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Head.Id });
        o.Tick();
        scenario.Notings.Add((await o.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Shri Ramesh Kumar has applied for 10 days' medical leave.", "A medical certificate is attached."))).Head.Id);
        o.Tick();
        await o.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await o.FireAsync(unrelated.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        scenario.Notings.Add((await o.Engine.WriteNotingAsync(TestOffice.Sunita, file.Id, NotingContent.Number("Recommended. Leave is admissible."))).Head.Id);
        o.Tick();
        await o.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        await o.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Arvind);
        return scenario;
    }

    public static BundleExportOptions ExportOptions(TestOffice office, params byte[][] crls)
    {
        var options = new BundleExportOptions { ManifestSigner = DevPki.ExportService.CreateSigner(), LogSigner = LogKey.CreateSigner(), Origin = Origin, TimeProvider = office.Clock };
        foreach (var crl in crls)
        {
            options.Crls.Add(crl);
        }

        return options;
    }

    public static BundleVerificationOptions RootOnly(X509Certificate2? root = null)
    {
        var options = new BundleVerificationOptions();
        options.TrustAnchors.Add(root ?? Root);
        return options;
    }

    public Task<BundleExportResult> ExportAsync(string path, params byte[][] crls) => ExportAsync(File, path, crls);

    public Task<BundleExportResult> ExportAsync(DocumentId file, string path, params byte[][] crls) =>
        BundleExporter.ExportAsync(Office.Store, file, ExportOptions(Office, crls), path);

    public static string NewTempPath(string suffix = "")
    {
        var path = Path.Combine(Path.GetTempPath(), "fileflow-bundle-" + Guid.NewGuid().ToString("N") + suffix);
        return path;
    }

    public static string RecordPath(string bundle, DocumentId document, long sequence, string extension) =>
        Path.Combine(bundle, "records", document.ToString(), $"{sequence}.{extension}");

    /// <summary>Rewrites the manifest's SHA-256 of a file to match the file as it now is: what a careful forger does.</summary>
    public static void FixManifestHash(string bundle, string relativePath)
    {
        var manifestPath = Path.Combine(bundle, "manifest.json");
        var manifest = JsonNode.Parse(System.IO.File.ReadAllText(manifestPath))!;
        var entry = manifest["files"]!.AsArray().Single(f => (string)f!["path"]! == relativePath)!;
        entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(Path.Combine(bundle, relativePath))));
        System.IO.File.WriteAllText(manifestPath, manifest.ToJsonString());
    }

    /// <summary>Removes a document from a bundle entirely: its files and its manifest entries.</summary>
    public static void RemoveDocument(string bundle, DocumentId document)
    {
        var id = document.ToString();
        Directory.Delete(Path.Combine(bundle, "records", id), recursive: true);
        Directory.Delete(Path.Combine(bundle, "proofs", id), recursive: true);
        var manifestPath = Path.Combine(bundle, "manifest.json");
        var manifest = JsonNode.Parse(System.IO.File.ReadAllText(manifestPath))!;
        var documents = manifest["documents"]!.AsArray();
        documents.Remove(documents.Single(d => (string)d!["id"]! == id));
        var files = manifest["files"]!.AsArray();
        foreach (var file in files.Where(f => ((string)f!["path"]!).Contains(id, StringComparison.Ordinal)).ToList())
        {
            files.Remove(file);
        }

        System.IO.File.WriteAllText(manifestPath, manifest.ToJsonString());
    }
}
