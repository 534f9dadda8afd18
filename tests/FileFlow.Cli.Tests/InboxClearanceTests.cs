using FileFlow.Cli.Simulation;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Sqlite;

namespace FileFlow.Cli.Tests;

/// <summary><c>inbox --officer</c> goes through the engine's inbox, so a file graded above the officer's clearance is not listed even in a post they act for.</summary>
public sealed class InboxClearanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("fileflow-cli-inbox-").FullName;

    private string Db => Path.Combine(directory, "office.db");

    public async Task InitializeAsync()
    {
        // A dealing assistant cleared for Confidential; the section officer (cleared for Normal only) holds the assistant's charge concurrently
        // (the assistant keeps acting: she opens the files below while the charge is shared).
        var org = new OrganisationFile
        {
            Offices = [new("off", "Office of the Director", ["est"])],
            Posts =
            [
                new("off-est-da", "Dealing Assistant", 1, "off", "est", null, "off-est-so"),
                new("off-est-so", "Section Officer", 2, "off", "est", null, null),
            ],
            Officers = [new("o-clerk", "Asha Kumari", SecurityGrading.Confidential), new("o-so", "Ravi Bhat")],
            Assignments = [new("o-clerk", "off-est-da", Start.AddYears(-1), null), new("o-so", "off-est-so", Start.AddYears(-1), null)],
            Delegations = [new("off-est-da", "off-est-so", Start.AddDays(-1), Start.AddDays(30), Concurrent: true)],
        };
        org.Save(Db + ".org.json");
        var chart = org.ToChart();
        chart.GetOfficer(new OfficerId("o-clerk")).Clearance.Should().Be(SecurityGrading.Confidential, "the organisation file carries clearances");

        var signers = new SignerRegistry()
            .Register(new OfficerId("o-clerk"), SoftwareKey.Generate("clerk", SignatureAlgorithms.Ed25519).CreateSigner())
            .Register(new OfficerId("o-so"), SoftwareKey.Generate("so", SignatureAlgorithms.Ed25519).CreateSigner());
        await using var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = Db });
        var engine = new FileFlowEngine(store, signers, chart, new FileFlowEngineOptions { TimeProvider = new FixedClock(Start) });
        var da = new PostId("off-est-da");
        await engine.OpenFileAsync(new OfficerId("o-clerk"), da, new NewFile("DIR", "EST", "GEN", "Office furniture"));
        await engine.OpenFileAsync(new OfficerId("o-clerk"), da, new NewFile("DIR", "EST", "VIG", "Vigilance enquiry") { Grading = SecurityGrading.Confidential });
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Inbox_of_an_officer_cleared_for_confidential_lists_the_confidential_file()
    {
        var run = await Cli.RunInProcessAsync("inbox", "--db", Db, "--officer", "o-clerk", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        Subjects(run).Should().BeEquivalentTo("Office furniture", "Vigilance enquiry");
    }

    [Fact]
    public async Task Inbox_of_a_delegate_without_clearance_leaves_the_confidential_file_out()
    {
        var run = await Cli.RunInProcessAsync("inbox", "--db", Db, "--officer", "o-so", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        Subjects(run).Should().Equal("Office furniture");
    }

    [Fact]
    public async Task Inbox_of_an_officer_not_in_the_chart_exits_two()
    {
        var run = await Cli.RunInProcessAsync("inbox", "--db", Db, "--officer", "o-nobody");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Should().Contain("o-nobody").And.NotContain("\n");
    }

    private static List<string?> Subjects(CliRun run) =>
        run.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()).ToList();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
