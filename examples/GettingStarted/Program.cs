// The whole Program.cs of a new console app: `dotnet add package FileFlow` and `dotnet add package Microsoft.Extensions.DependencyInjection`.
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using Microsoft.Extensions.DependencyInjection;

// Time comes from a TimeProvider: the system clock here (tests use FakeTimeProvider from Microsoft.Extensions.TimeProvider.Testing).
var start = TimeProvider.System.GetUtcNow();

// The organisation: one office, two posts, the officers holding them since a year ago.
var office = new OfficeId("HEALTH-DTE");
PostId da = new("EST-DA"), so = new("EST-SO");
var chart = OrganisationChart.CreateBuilder()
    .AddOffice(new Office(office, "Directorate of Health Services") { Sections = ["EST"] })
    .AddPost(new Post(so, "Section Officer", 2, office))
    .AddPost(new Post(da, "Dealing Assistant", 1, office) { ReportsTo = so })
    .AddOfficer(new Officer(new("ramesh"), "Ramesh Kumar")).Assign(new("ramesh"), da, start.AddYears(-1))
    .AddOfficer(new Officer(new("sunita"), "Sunita Verma")).Assign(new("sunita"), so, start.AddYears(-1))
    .Build();

// SignerRegistry (FileFlow.Signing) is the in-memory ISignerProvider: officer id -> that officer's ISigner. Real keys live on
// tokens (FileFlow.Pkcs11); software keys do for a demo.
var signers = new SignerRegistry();
foreach (var officer in chart.Officers)
{
    signers.Register(officer.Id, SoftwareKey.Generate($"{officer.Id}-key", SignatureAlgorithms.Ed25519).CreateSigner());
}

// The container: AddFileFlow (package FileFlow) registers the engine; BuildServiceProvider is Microsoft.Extensions.DependencyInjection's.
var services = new ServiceCollection();
services.AddSingleton(TimeProvider.System);
services.AddFileFlow(fileflow => fileflow
    .UseInMemoryStore()               // or .UseSqlite(path) with FileFlow.Sqlite, .UsePostgreSql(...) with FileFlow.PostgreSql
    .UseSigner(signers)
    .UseOrganisation(chart)
    .Configure(options => options.EnableServices = false));   // plain files only: the ten services' catalog needs their posts' roles
await using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<FileFlowEngine>();

// Open a file, note it and forward it to the section officer; every step is a signed record.
var file = await engine.OpenFileAsync(new("ramesh"), da, new NewFile("HEALTH", "EST", "LEAVE", "Medical leave of Shri Mohan Lal"));
await engine.WriteNotingAsync(new("ramesh"), file.Head.Id, NotingContent.Number("Leave is due under the rules. Put up for sanction."));
var moved = await engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, new("ramesh")) { Recipient = so });
Console.WriteLine($"{file.Head.FileNumber}: {moved.Head.State}, with {moved.Head.Holder}");   // FileNumber: Head.Reference, typed
