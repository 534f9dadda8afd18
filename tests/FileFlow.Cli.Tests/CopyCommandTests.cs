using System.Text;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Sqlite;

namespace FileFlow.Cli.Tests;

/// <summary><c>fileflow copy</c> and <c>verify --copy</c> on a real SQLite store whose officers sign with certificates under the store's root:
/// the public information officer withholds parts and certifies the copy; bad input stores nothing and writes no copy.</summary>
public sealed class CopyCommandTests : IAsyncLifetime
{
    private const string SecretParagraph = "Family medical history SECRET-PARA-XYZ.";
    private const string SecretLetter = "Letter from an informant SECRET-LETTER-XYZ";
    private readonly string directory = Directory.CreateTempSubdirectory("fileflow-cli-copy-").FullName;
    private DocumentId file;
    private DocumentId noting;
    private string diaryNumber = null!;

    private string Db => Path.Combine(directory, "office.db");

    private string PioCredential => Path.Combine(directory, "vault", "pio.pfx");

    private string OtherCredential => Path.Combine(directory, "vault", "so.pfx");

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var root = DevelopmentCertificateAuthority.CreateRoot("FileFlow Copy Test Root", now.AddYears(-2), now.AddYears(5));
        await File.WriteAllTextAsync(Db + ".root.pem", root.Root.ExportCertificatePem());
        var org = new OrganisationFile
        {
            Offices = [new("off", "Office of the Director of Health Services", ["est"])],
            Posts =
            [
                new("off-est-da", "Dealing Assistant", 1, "off", "est", "dealing-assistant", "off-est-so"),
                new("off-est-so", "Section Officer", 2, "off", "est", "section-officer", null),
                new("off-pio", "Public Information Officer", 3, "off", null, "public-information-officer", null),
            ],
            Officers = [new("o-da", "Asha Kumari"), new("o-so", "Ravi Bhat", SecurityGrading.Confidential), new("o-pio", "Priya Nair", SecurityGrading.Confidential)],
            Assignments = [new("o-da", "off-est-da", now.AddYears(-1), null), new("o-so", "off-est-so", now.AddYears(-1), null), new("o-pio", "off-pio", now.AddYears(-1), null)],
            Delegations = [],
        };
        org.Save(Db + ".org.json");
        var organisation = root.IssueServiceCertificate(ServiceRole.Organisation, Request("org-admin", now));
        await OrganisationSignature.SignAsync(Db + ".org.json", organisation.CreateSigner(), now, CancellationToken.None);

        var credentials = new[] { "o-da", "o-so", "o-pio" }.ToDictionary(o => o, o => root.IssueOfficerCertificate(Request(o, now)));
        Directory.CreateDirectory(Path.GetDirectoryName(PioCredential)!);
        await File.WriteAllBytesAsync(PioCredential, credentials["o-pio"].ExportPkcs12(Sidecars.DevelopmentExportPassword));
        await File.WriteAllBytesAsync(OtherCredential, credentials["o-so"].ExportPkcs12(Sidecars.DevelopmentExportPassword));
        var signers = new SignerRegistry();
        foreach (var (officer, credential) in credentials)
        {
            signers.Register(new OfficerId(officer), credential.CreateSigner());
        }

        await using var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = Db });
        var engine = new FileFlowEngine(store, signers, org.ToChart(), new FileFlowEngineOptions { TimeProvider = TimeProvider.System, SystemOfficer = null });
        var da = new OfficerId("o-da");
        var opened = await engine.OpenFileAsync(da, new PostId("off-est-da"), new NewFile("DHS", "EST", "LEAVE", "चिकित्सा अवकाश: Shri Mohan Lal"));
        file = opened.Head.Id;
        noting = (await engine.WriteNotingAsync(da, file, NotingContent.Number("आवेदक ने दस दिन का अवकाश माँगा है।", SecretParagraph, "Leave is admissible."))).Head.Id;
        var letter = await engine.DiariseReceiptAsync(da, new PostId("off-est-da"), new NewReceipt("EST", "Anonymous", new DateOnly(2026, 3, 1), SecretLetter, ReceiptMedium.Electronic));
        diaryNumber = letter.Head.Reference!;
        await engine.FireAsync(new DocumentAction(file, DocumentTrigger.AttachReceipt, da) { Receipt = letter.Head.Id });
        await engine.FireAsync(new DocumentAction(file, DocumentTrigger.Forward, da) { Recipient = new PostId("off-est-so") });
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Copy_withholds_each_part_as_a_signed_record_and_writes_a_copy_that_verify_copy_accepts_and_no_withheld_text()
    {
        var output = Path.Combine(directory, "copy");

        var run = await Cli.RunInProcessAsync("copy", "--db", Db, "--file", file.ToString(), "--officer", "o-pio", "--credential", PioCredential,
            "--withhold", $"{diaryNumber}=8(1)(g):would identify a source", "--withhold", $"{noting}:2=8(1)(j):personal information", "--request", "RTI/2026/7",
            "--out", output, "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json.GetProperty("withheld").GetArrayLength().Should().Be(2);
        foreach (var secret in new[] { "SECRET-PARA-XYZ", "SECRET-LETTER-XYZ" })
        {
            foreach (var path in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
            {
                File.ReadAllBytes(path).AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).Should().Be(-1, $"{secret} is withheld but is in {path}");
            }
        }

        File.ReadAllText(Path.Combine(output, "copy.html")).Should().Contain("[withheld under section 8(1)(j): personal information]").And.Contain("lang=\"hi\"");
        var verify = await Cli.RunInProcessAsync("verify", "--copy", output, "--db", Db);
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Stdout.Should().Contain("certified copy");
        var store = await Cli.RunInProcessAsync("verify", "--db", Db, "--allow-unanchored");
        store.ExitCode.Should().Be(0, store.ToString());

        File.AppendAllText(Path.Combine(output, "copy.html"), "<p>added</p>");
        var tampered = await Cli.RunInProcessAsync("verify", "--copy", output, "--db", Db);
        tampered.ExitCode.Should().Be(1, tampered.ToString());
        tampered.Stderr.Should().Contain("copy.html");
    }

    [Fact]
    public async Task Copy_citing_a_clause_outside_section_8_1_exits_two_stores_nothing_and_writes_no_copy()
    {
        var output = Path.Combine(directory, "bad-section");
        var before = await SequenceAsync();

        var run = await Cli.RunInProcessAsync("copy", "--db", Db, "--file", file.ToString(), "--officer", "o-pio", "--credential", PioCredential,
            "--withhold", $"{diaryNumber}=8(1)(k):no such clause", "--out", output);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("8(1)(k)");
        Directory.Exists(output).Should().BeFalse();
        (await SequenceAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Copy_withholding_a_document_not_in_the_file_exits_two_stores_nothing_and_writes_no_copy()
    {
        var output = Path.Combine(directory, "not-in-file");
        var before = await SequenceAsync();

        var run = await Cli.RunInProcessAsync("copy", "--db", Db, "--file", file.ToString(), "--officer", "o-pio", "--credential", PioCredential,
            "--withhold", $"{diaryNumber}=8(1)(g):source", "--withhold", $"{Guid.NewGuid()}=8(1)(j):nobody", "--out", output);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("not a noting, receipt or draft");
        Directory.Exists(output).Should().BeFalse();
        (await SequenceAsync()).Should().Be(before, "the first, valid withholding is not signed either");
    }

    [Fact]
    public async Task Copy_by_an_officer_who_is_not_the_public_information_officer_exits_two_stores_nothing_and_writes_no_copy()
    {
        var output = Path.Combine(directory, "not-pio");
        var before = await SequenceAsync();

        var run = await Cli.RunInProcessAsync("copy", "--db", Db, "--file", file.ToString(), "--officer", "o-so", "--credential", OtherCredential,
            "--withhold", $"{diaryNumber}=8(1)(g):source", "--out", output);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("NotPublicInformationOfficerException").And.Contain("o-so");
        Directory.Exists(output).Should().BeFalse();
        (await SequenceAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Copy_with_another_officers_credential_exits_two()
    {
        var run = await Cli.RunInProcessAsync("copy", "--db", Db, "--file", file.ToString(), "--officer", "o-pio", "--credential", OtherCredential, "--out", Path.Combine(directory, "wrong"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("o-so").And.Contain("not 'o-pio'");
    }

    private async Task<long> SequenceAsync()
    {
        await using var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = Db });
        return (await store.GetHeadAsync(file))!.Sequence;
    }

    private static OfficerCertificateRequest Request(string officer, DateTimeOffset now) => new()
    {
        Officer = new OfficerId(officer),
        Name = "Officer " + officer,
        Designation = "Officer",
        Office = "Directorate of Health Services",
        State = "Kerala",
        NotBefore = now.AddYears(-1).AddDays(-1),
        NotAfter = now.AddYears(2),
    };
}
