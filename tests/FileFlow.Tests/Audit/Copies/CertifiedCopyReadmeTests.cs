using FileFlow.Audit;
using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Tests.Machines;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit.Copies;

/// <summary>The README's "Certified copies" sample is this compiled and executed code.</summary>
public sealed class CertifiedCopyReadmeTests
{
    [Fact]
    public async Task The_README_certified_copy_sample_runs_and_is_the_one_in_the_README()
    {
        var scenario = await CertifiedCopyScenario.CreateAsync();
        var (engine, store, clock, chart) = (scenario.Office.Engine, scenario.Office.Store, scenario.Office.Clock, scenario.Office.Chart);
        var (file, letter, noting, pio) = (scenario.File, scenario.Letter, scenario.FirstNoting, CertifiedCopyScenario.Priya);
        var (pioCredential, root) = (DevPki.For(pio), DevPki.Root.Root);
        var folder = CertifiedCopyScenario.NewTempPath();
        try
        {
            // begin-snippet: certified-copy
            // The public information officer withholds a letter whole and one paragraph of a noting: each a signed record on the file.
            await engine.FireAsync(new DocumentAction(file, DocumentTrigger.Withhold, pio)
            {
                Withholding = new Withholding(letter, RtiExemption.Parse("8(1)(g)")),
                Reason = "would identify a source of information given in confidence",
            });
            await engine.FireAsync(new DocumentAction(file, DocumentTrigger.Withhold, pio)
            {
                Withholding = new Withholding(noting, RtiExemption.Parse("8(1)(j)")) { Paragraph = 2 },
                Reason = "personal information of a third party",
            });

            // The copy: released records and certificates, withheld.json, copy.html and README.txt, signed by the officer.
            var copy = await CertifiedCopyExporter.ExportAsync(store, file, new CertifiedCopyOptions
            {
                Officer = pio,
                Signer = pioCredential.CreateSigner(),
                Authority = new AuthorityPolicy(chart),
                Request = "RTI application DHS/RTI/2026/118",
                TimeProvider = clock,
            }, folder);

            // The reader checks it trusting only the root (or runs the openssl commands in its README.txt).
            var trust = new BundleVerificationOptions();
            trust.TrustAnchors.Add(root);
            (await CertifiedCopyVerifier.VerifyAsync(copy.Path, trust)).ThrowIfInvalid();
            // end-snippet
            copy.Withheld.Should().HaveCount(2);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var code = File.ReadAllText(Path.Combine(DocumentMachineTests.RepositoryRoot(), "tests/FileFlow.Tests/Audit/Copies/CertifiedCopyReadmeTests.cs")).ReplaceLineEndings("\n");
        var lines = code.Split("// begin-snippet: certified-copy\n")[1].Split("// end-snippet")[0].TrimEnd().Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var sample = string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        var readme = File.ReadAllText(Path.Combine(DocumentMachineTests.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        readme.Should().Contain("## Certified copies\n").And.Contain("```csharp\n" + sample + "\n```");
    }
}
