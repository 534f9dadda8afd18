using System.Security.Cryptography;
using System.Text;
using FileFlow.Audit;
using FileFlow.Import;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Import;

public sealed class PaperFileImporterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fileflow-paper-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task Paper_files_land_once_signed_with_their_hash_and_bad_rows_are_named()
    {
        File.WriteAllBytes(Path.Combine(folder, "a.pdf"), Pdf("file A"));
        File.WriteAllBytes(Path.Combine(folder, "b.pdf"), Pdf("file B"));
        File.WriteAllText(Path.Combine(folder, "broken.pdf"), "not a pdf at all, a scanner error page");
        var csv = Path.Combine(folder, "metadata.csv");
        File.WriteAllText(csv, "old_file_number,subject,section,opened,closed,pages,pdf\n"
            + "EST/12/1998,\"Service book of Shri R. K. Das, retired 2019\",EST,1998-04-01,2019-06-30,212,a.pdf\n"
            + "EST/40/2004,Pension case of Smt Kamla Devi,EST,2004-01-10,,88,b.pdf\n"
            + "EST/41/2004,Corrupt scan,EST,2004-02-01,,10,broken.pdf\n"
            + "EST/42/2004,Missing scan,EST,2004-03-01,,5,missing.pdf\n");
        var office = TestOffice.Create();
        var options = new PaperImportOptions("HEALTH", "OLD", TestOffice.Ramesh, TestOffice.DealingAssistant);
        var progress = new List<PaperImportProgress>();

        var first = await PaperFileImporter.ImportAsync(office.Engine, folder, csv, options with { Progress = new SyncProgress(progress.Add) });

        first.Imported.Should().Be(2);
        first.Problems.Select(p => p.Message).Should().SatisfyRespectively(
            m => m.Should().Contain("broken.pdf").And.Contain("not a PDF"),
            m => m.Should().Contain("missing.pdf").And.Contain("no file"));
        progress.Select(p => p.OldFileNumber).Should().Equal("EST/12/1998", "EST/40/2004");

        var second = await PaperFileImporter.ImportAsync(office.Engine, folder, csv, options);
        second.Imported.Should().Be(0);
        second.Skipped.Should().Be(2, "a re-run skips what landed");

        var records = new List<FileFlow.Records.SignedRecord>();
        await foreach (var r in office.Store.ReadAllAsync())
        {
            records.Add(r);
        }

        records.Should().HaveCount(2);
        var a = records.Single(r => r.Record.Attribute(RecordAttributes.InputPrefix + "oldFileNumber") == "EST/12/1998").Record;
        a.Attribute(RecordAttributes.InputPrefix + PaperFileImporter.DigitisedFromPaper).Should().Be("true");
        a.Attribute(RecordAttributes.InputPrefix + "scanSha256").Should().Be(Convert.ToHexStringLower(SHA256.HashData(Pdf("file A"))));
        a.Attribute(RecordAttributes.InputPrefix + "pages").Should().Be("212");
        a.Actor.Should().Be(TestOffice.Ramesh);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    private sealed class SyncProgress(Action<PaperImportProgress> report) : IProgress<PaperImportProgress>
    {
        public void Report(PaperImportProgress value) => report(value);
    }
}
