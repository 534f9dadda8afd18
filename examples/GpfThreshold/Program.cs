// Two GPF advances, Rs 90,000 and Rs 1,50,000: the first is sanctioned by the head of office, the second crosses the
// Rs 1 lakh threshold and goes up to the head of department. The competent authority is fixed and signed when the file opens.
using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using Microsoft.Extensions.DependencyInjection;

var office = new OfficeId("TREASURY");
var since = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
var chart = OrganisationChart.CreateBuilder()
    .AddOffice(new Office(office, "Directorate of Treasuries") { Sections = ["GPF"] })
    .AddPost(new Post(new("SECY"), "Secretary, Finance", 5, office) { Role = "administrative-department" })
    .AddPost(new Post(new("DIR"), "Director of Treasuries", 4, office) { Role = "head-of-department", ReportsTo = new("SECY") })
    .AddPost(new Post(new("JD"), "Joint Director", 3, office) { Role = "head-of-office", ReportsTo = new("DIR") })
    .AddPost(new Post(new("SO"), "Section Officer, GPF", 2, office) { Role = "section-officer", ReportsTo = new("JD") })
    .AddPost(new Post(new("DA"), "Dealing Assistant, GPF", 1, office) { Role = "dealing-assistant", ReportsTo = new("SO") })
    .AddOfficer(new Officer(new("asha"), "Asha Rani")).Assign(new("asha"), new("DA"), since)
    .AddOfficer(new Officer(new("vikram"), "Vikram Rao")).Assign(new("vikram"), new("SO"), since)
    .AddOfficer(new Officer(new("neha"), "Neha Gupta")).Assign(new("neha"), new("JD"), since)
    .AddOfficer(new Officer(new("farhan"), "Farhan Ali")).Assign(new("farhan"), new("DIR"), since)
    .AddOfficer(new Officer(new("lata"), "Lata Nair")).Assign(new("lata"), new("SECY"), since)
    .Build();
var signers = new SignerRegistry();
foreach (var officer in chart.Officers)
{
    signers.Register(officer.Id, SoftwareKey.Generate(officer.Id + "-key", SignatureAlgorithms.Ed25519).CreateSigner());
}

// The system officer signs escalations when a time limit passes; the engine refuses to start without its signer.
signers.Register(new OfficerId("fileflow-system"), SoftwareKey.Generate("fileflow-system-key", SignatureAlgorithms.Ed25519).CreateSigner());

var services = new ServiceCollection();
services.AddFileFlow(fileflow => fileflow.UseInMemoryStore().UseSigner(signers).UseOrganisation(chart));
await using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<FileFlowEngine>();
var exitCode = 0;

foreach (var amount in new[] { 90_000, 150_000 })
{
    var inputs = new Dictionary<string, string> { ["kind"] = "advance", ["purpose"] = "marriage", ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["balance"] = "600000" };
    var file = await engine.OpenFileAsync(new("asha"), new("DA"), new NewFile("FIN", "GPF", "ADV", $"GPF advance of Rs {amount:N0}")
    {
        ServiceId = "gpf",
        Inputs = inputs.ToImmutableSortedDictionary(StringComparer.Ordinal),
    });
    var head = file.Head;
    Console.WriteLine($"{head.Subject}: competent authority {head.Authority}");
    while (true)
    {
        var holder = chart.Officers.First(o => chart.CapacityFor(o.Id, head.Holder, DateTimeOffset.UtcNow) == ActingCapacity.Holder).Id;
        var post = chart.GetPost(head.Holder);
        if (post.Role == head.Authority)
        {
            head = (await engine.FireAsync(new DocumentAction(head.Id, DocumentTrigger.Approve, holder) { Reason = "Sanctioned." })).Head;
            Console.WriteLine($"  sanctioned by {holder} ({post.Designation})");
            break;
        }

        head = (await engine.FireAsync(new DocumentAction(head.Id, DocumentTrigger.Forward, holder))).Head;
        Console.WriteLine($"  {holder} forwarded it to {chart.GetPost(head.Holder).Designation}");
    }

    var expected = amount > 100_000 ? "head-of-department" : "head-of-office";
    if (head.Authority != expected || head.State != DocumentState.Approved)
    {
        Console.WriteLine($"  UNEXPECTED: wanted {expected}");
        exitCode = 1;
    }
}

return exitCode;
