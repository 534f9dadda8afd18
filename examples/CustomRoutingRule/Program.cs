// A department sends every TA bill to its accounts officer for pre-audit before the normal route resumes. The rule is an
// IRoutingRule registered through DI for one service only: AddRoutingRule<PreAuditRouting>("ta-bill").
using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Signing;
using Microsoft.Extensions.DependencyInjection;

var office = new OfficeId("PWD");
var since = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
var chart = OrganisationChart.CreateBuilder()
    .AddOffice(new Office(office, "Public Works Division") { Sections = ["EST", "ACC"] })
    // Every role the service catalogue names needs a post: the appellate officers above the head of office, and a section officer.
    .AddPost(new Post(new("SECY"), "Secretary, Public Works", 5, office) { Role = "administrative-department" })
    .AddPost(new Post(new("CE"), "Chief Engineer", 4, office) { Role = "head-of-department", ReportsTo = new("SECY") })
    .AddPost(new Post(new("EE"), "Executive Engineer", 3, office) { Role = "head-of-office", ReportsTo = new("CE") })
    .AddPost(new Post(new("SO"), "Section Officer", 2, office) { Role = "section-officer", ReportsTo = new("EE"), Section = "EST" })
    .AddPost(new Post(new("AO"), "Accounts Officer", 2, office) { ReportsTo = new("EE"), Section = "ACC" })
    .AddPost(new Post(new("DA"), "Dealing Assistant", 1, office) { Role = "dealing-assistant", ReportsTo = new("EE"), Section = "EST" })
    .AddOfficer(new Officer(new("gopal"), "Gopal Das")).Assign(new("gopal"), new("DA"), since)
    .AddOfficer(new Officer(new("rekha"), "Rekha Pillai")).Assign(new("rekha"), new("AO"), since)
    .AddOfficer(new Officer(new("suresh"), "Suresh Patil")).Assign(new("suresh"), new("EE"), since)
    .AddOfficer(new Officer(new("anil"), "Anil Joshi")).Assign(new("anil"), new("SO"), since)
    .AddOfficer(new Officer(new("kavita"), "Kavita Rao")).Assign(new("kavita"), new("CE"), since)
    .AddOfficer(new Officer(new("manoj"), "Manoj Sinha")).Assign(new("manoj"), new("SECY"), since)
    .Build();
var signers = new SignerRegistry();
foreach (var officer in chart.Officers)
{
    signers.Register(officer.Id, SoftwareKey.Generate(officer.Id + "-key", SignatureAlgorithms.Ed25519).CreateSigner());
}

// The system officer signs escalations when a time limit passes; the engine refuses to start without its signer.
signers.Register(new OfficerId("fileflow-system"), SoftwareKey.Generate("fileflow-system-key", SignatureAlgorithms.Ed25519).CreateSigner());

// begin-snippet: routing-rule
var services = new ServiceCollection();
services.AddFileFlow(fileflow => fileflow
    .UseInMemoryStore()
    .UseSigner(signers)
    .UseOrganisation(chart)
    .AddRoutingRule<PreAuditRouting>("ta-bill"));
await using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<FileFlowEngine>();
// end-snippet

var bill = await engine.OpenFileAsync(new("gopal"), new("DA"), new NewFile("PWD", "EST", "TA", "TA bill of Shri Gopal Das, tour to Nashik")
{
    ServiceId = "ta-bill",
    Inputs = new Dictionary<string, string> { ["amount"] = "12000", ["journeyFrom"] = "2026-03-02", ["journeyTo"] = "2026-03-04" }.ToImmutableSortedDictionary(StringComparer.Ordinal),
});
var toAudit = await engine.FireAsync(new DocumentAction(bill.Head.Id, DocumentTrigger.Forward, new("gopal")));
var toSanction = await engine.FireAsync(new DocumentAction(bill.Head.Id, DocumentTrigger.Forward, new("rekha")));
var sanctioned = await engine.FireAsync(new DocumentAction(bill.Head.Id, DocumentTrigger.Approve, new("suresh")) { Reason = "Passed for payment." });

foreach (var step in new[] { toAudit, toSanction, sanctioned })
{
    Console.WriteLine($"{step.Record.Record.Trigger,-8} {step.Record.Record.ActingAs} -> {step.Head.Holder}  ({step.Record.Record.Attribute("routing")})");
}

return toAudit.Head.Holder == new PostId("AO") && sanctioned.Head.State == DocumentState.Approved ? 0 : 1;

/// <summary>TA bills go from the dealing assistant to the accounts officer for pre-audit, then to the head of office, who decides.</summary>
internal sealed class PreAuditRouting : IRoutingRule
{
    private static readonly PostId AccountsOfficer = new("AO");

    public ValueTask<RoutingDecision> RouteAsync(RoutingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chart = context.Organisation;
        var decision = context.Trigger switch
        {
            DocumentTrigger.Forward when chart.GetPost(context.ActingAs).Role == "dealing-assistant" => new RoutingDecision(AccountsOfficer, "pre-audit by the accounts officer"),
            DocumentTrigger.Forward when context.ActingAs == AccountsOfficer => new RoutingDecision(chart.ResolveRole("head-of-office", context.ActingAs)!.Id, "pre-audited: to the head of office"),
            DocumentTrigger.Approve or DocumentTrigger.Reject when chart.GetPost(context.ActingAs).Role == "head-of-office" => new RoutingDecision(context.ActingAs, "decided by the head of office"),
            DocumentTrigger.Approve or DocumentTrigger.Reject => throw new RoutingException(context.Trigger, "Only the head of office decides TA bills."),
            _ => new RoutingDecision(context.RequestedRecipient ?? context.ActingAs),
        };
        return ValueTask.FromResult(decision);
    }
}
