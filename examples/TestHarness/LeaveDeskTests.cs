// FileFlow as a test harness: an application's own rules tested against real routing, signing and time limits,
// with months passing in virtual time (FakeTimeProvider) and the engine built by the same AddFileFlow the app uses.
using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TestHarness;

public sealed class LeaveDeskTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 4, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly OfficerId Clerk = new("clerk"), SectionOfficer = new("so"), Cmo = new("cmo"), Director = new("director"), System = new("fileflow-system");
    private static readonly PostId ClerkPost = new("DA");

    private readonly FakeTimeProvider clock = new(Monday);
    private readonly ServiceProvider provider;

    public LeaveDeskTests()
    {
        var office = new OfficeId("CMO-LKO");
        var chart = OrganisationChart.CreateBuilder()
            .AddOffice(new Office(office, "Office of the Chief Medical Officer"))
            .AddPost(new Post(new("PS"), "Principal Secretary", 5, office) { Role = "administrative-department" })
            .AddPost(new Post(new("DG"), "Director General", 4, office) { Role = "head-of-department", ReportsTo = new("PS") })
            .AddPost(new Post(new("CMO"), "Chief Medical Officer", 3, office) { Role = "head-of-office", ReportsTo = new("DG") })
            .AddPost(new Post(new("SO"), "Section Officer", 2, office) { Role = "section-officer", ReportsTo = new("CMO") })
            .AddPost(new Post(ClerkPost, "Dealing Assistant", 1, office) { Role = "dealing-assistant", ReportsTo = new("SO") })
            .AddOfficer(new Officer(Clerk, "Clerk")).Assign(Clerk, ClerkPost, Monday.AddYears(-1))
            .AddOfficer(new Officer(SectionOfficer, "Section Officer")).Assign(SectionOfficer, new("SO"), Monday.AddYears(-1))
            .AddOfficer(new Officer(Cmo, "CMO")).Assign(Cmo, new("CMO"), Monday.AddYears(-1))
            .AddOfficer(new Officer(Director, "DG")).Assign(Director, new("DG"), Monday.AddYears(-1))
            .AddOfficer(new Officer(System, "FileFlow System"))
            .Build();
        var signers = new SignerRegistry();
        foreach (var officer in chart.Officers)
        {
            signers.Register(officer.Id, SoftwareKey.Generate(officer.Id + "-key", SignatureAlgorithms.Ed25519).CreateSigner());
        }

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddFileFlow(b => b.UseInMemoryStore().UseSigner(signers).UseOrganisation(chart));
        provider = services.BuildServiceProvider();
    }

    private FileFlowEngine Engine => provider.GetRequiredService<FileFlowEngine>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();

    private Task<ActionResult> OpenLeaveFileAsync() => Engine.OpenFileAsync(Clerk, ClerkPost, new NewFile("HEALTH", "EST", "LEAVE", "Medical leave, 10 days")
    {
        ServiceId = "medical-leave",
        Inputs = new Dictionary<string, string> { ["from"] = "2026-04-06", ["to"] = "2026-04-15", ["days"] = "10", ["certificate"] = "MC/77" }.ToImmutableSortedDictionary(StringComparer.Ordinal),
    });

    [Fact]
    public async Task A_file_left_with_the_section_officer_escalates_to_the_first_appellate_officer_when_its_15_days_pass()
    {
        var file = await OpenLeaveFileAsync();
        await Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, Clerk));

        clock.Advance(TimeSpan.FromDays(14));
        Assert.Empty(await Engine.EscalateOverdueAsync());
        var atRisk = await Engine.GetUncheckedAsync(file.Head.Id);
        Assert.Equal(TimeLimitStatus.AtRisk, ServiceClock.StatusOf(atRisk, Engine.Services!.Get("medical-leave"), clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromDays(2));
        var escalation = Assert.Single(await Engine.EscalateOverdueAsync());

        Assert.Equal(new PostId("DG"), escalation.Head.Holder);
        Assert.Equal(System, escalation.Record.Record.Actor);
        Assert.Equal(ActingCapacity.System, escalation.Record.Record.Capacity);
        var decided = await Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Approve, Director) { Reason = "Sanctioned on appeal." });
        Assert.Equal(DocumentState.Approved, decided.Head.State);
    }

    [Fact]
    public async Task A_file_sanctioned_in_time_is_completed_and_never_escalated()
    {
        var file = await OpenLeaveFileAsync();
        await Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, Clerk));
        clock.Advance(TimeSpan.FromDays(3));
        await Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, SectionOfficer));
        clock.Advance(TimeSpan.FromDays(4));
        var sanctioned = await Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Approve, Cmo) { Reason = "Sanctioned." });

        clock.Advance(TimeSpan.FromDays(90));

        Assert.Empty(await Engine.EscalateOverdueAsync());
        Assert.Equal(TimeLimitStatus.Completed, ServiceClock.StatusOf(sanctioned.Head, Engine.Services!.Get("medical-leave"), clock.GetUtcNow()));
        Assert.Equal(Monday.AddDays(7), sanctioned.Head.UpdatedAt);
    }
}
