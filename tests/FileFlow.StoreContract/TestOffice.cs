using System.Collections.Concurrent;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;
using Microsoft.Extensions.Time.Testing;

namespace FileFlow.StoreContract;

/// <summary>A small establishment section with real signing keys, a fake clock and an engine over any store: the fixture every test builds on.</summary>
public sealed class TestOffice
{
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 9, 30, 0, TimeSpan.Zero);

    public static readonly PostId DealingAssistant = new("EST-DA");
    public static readonly PostId SectionOfficer = new("EST-SO");
    public static readonly PostId UnderSecretary = new("EST-US");
    public static readonly PostId JointSecretary = new("EST-JS");
    public static readonly PostId AccountsAssistant = new("ACC-DA");
    public static readonly PostId AccountsOfficer = new("ACC-AO");
    public static readonly PostId Secretary = new("SECY");

    public static readonly OfficerId Ramesh = new("ramesh");   // dealing assistant
    public static readonly OfficerId Sunita = new("sunita");   // section officer
    public static readonly OfficerId Arvind = new("arvind");   // under secretary
    public static readonly OfficerId Meera = new("meera");     // joint secretary, sanctioning authority
    public static readonly OfficerId Karan = new("karan");     // accounts assistant: not in the establishment chain
    public static readonly OfficerId Pooja = new("pooja");     // accounts officer: acts for the SO while she is on leave
    public static readonly OfficerId Rajiv = new("rajiv");     // principal secretary: the administrative department
    public static readonly OfficerId System = new("fileflow-system");
    public static readonly OfficerId Neha = new("neha");
    public static readonly PostId PublicInformationOfficer = new("PIO");   // in ForEveryTransition's office only
    public static readonly OfficerId Priya = new("priya");                 // the public information officer there

    /// <summary>The instance files are sent to in single-instance tests (nothing there receives them).</summary>
    public const string OtherInstance = "other-instance";       // e-office administrator (no post)

    private static readonly ConcurrentDictionary<(string, string), SoftwareKey> KeyCache = new();

    private TestOffice(IDocumentStore store, OrganisationChart chart, string algorithm, FileFlowEngineOptions? options)
    {
        Store = store;
        Chart = chart;
        Clock = new FakeTimeProvider(Start);
        Signers = new SignerRegistry();
        Keys = new PublicKeyDirectory();
        foreach (var officer in chart.Officers)
        {
            var key = KeyCache.GetOrAdd((officer.Id.Value, algorithm), k => SoftwareKey.Generate($"{k.Item1}-{k.Item2}", k.Item2));
            Signers.Register(officer.Id, key.CreateSigner());
            Keys.Register(key, officer.Id);
        }

        var systemKey = KeyCache.GetOrAdd((System.Value, algorithm), k => SoftwareKey.Generate($"{k.Item1}-{k.Item2}", k.Item2));
        Signers.Register(System, systemKey.CreateSigner());
        Keys.Register(systemKey, System);

        options ??= new FileFlowEngineOptions();
        options.TimeProvider = Clock;
        Engine = new FileFlowEngine(store, Signers, chart, options);
    }

    public IDocumentStore Store { get; }

    /// <summary>Gets or sets the file <see cref="OpenFileAsync"/> opens when no subject is given.</summary>
    public NewFile FileTemplate { get; set; } = LeaveFile();

    public OrganisationChart Chart { get; }

    public FakeTimeProvider Clock { get; }

    public SignerRegistry Signers { get; }

    public PublicKeyDirectory Keys { get; }

    public FileFlowEngine Engine { get; }

    /// <summary>The same office with the ten built-in services configured (routes resolve by role: DA, SO, US as head of office, JS as head of department, SECY as the administrative department).</summary>
    public static TestOffice WithServices(IDocumentStore? store = null, Func<OrganisationChartBuilder, OrganisationChartBuilder>? extend = null, Func<ServiceCatalog, ServiceCatalog>? catalog = null) =>
        Create(store, extend: extend, options: new FileFlowEngineOptions { Services = (catalog ?? (c => c))(ServiceCatalog.LoadDefaults()) });

    /// <summary>An office where every transition of every machine can be driven: a service file (applicant Karan) routed by explicit recipients,
    /// the acknowledgment gate on (so an unacknowledged application may be appealed), and an administrator.</summary>
    public static TestOffice ForEveryTransition(IDocumentStore? store = null)
    {
        var salary = global::System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "test-any.json")))!.ToJsonString();
        var catalog = ServiceCatalog.LoadDefaults().With([("test-any.json", salary)]);
        // A public information officer, so that a withholding (Withhold) can be made on a file in every state.
        var office = Create(store, extend: b => b
            .AddPost(new Post(PublicInformationOfficer, "Public Information Officer", 3, new OfficeId("HEALTH-DTE")) { Role = "public-information-officer", ReportsTo = JointSecretary })
            .AddOfficer(new Officer(Priya, "Priya Nair") { Clearance = SecurityGrading.TopSecret })
            .Assign(Priya, PublicInformationOfficer, Start.AddYears(-5)), options: new FileFlowEngineOptions
        {
            Services = catalog,
            RequireAcknowledgment = true,
            Instance = "every-transition",
            Routing = new ServiceRouting(catalog).Register("test-any", ExplicitRecipientRouting.Instance),
        });
        office.FileTemplate = new NewFile("HEALTH", "EST", "SVC", "Any service") { ServiceId = "test-any", Applicant = Karan };
        return office;
    }

    public static TestOffice Create(IDocumentStore? store = null, string algorithm = SignatureAlgorithms.Ed25519, Func<OrganisationChartBuilder, OrganisationChartBuilder>? extend = null, FileFlowEngineOptions? options = null)
    {
        var builder = OrganisationChart.CreateBuilder()
            .AddOffice(new Office(new OfficeId("HEALTH-DTE"), "Directorate of Health Services") { Sections = ["EST", "ACC"] })
            .AddPost(new Post(Secretary, "Principal Secretary", 5, new OfficeId("HEALTH-DTE")) { Role = "administrative-department" })
            .AddPost(new Post(JointSecretary, "Joint Secretary", 4, new OfficeId("HEALTH-DTE")) { Role = "head-of-department", ReportsTo = Secretary })
            .AddPost(new Post(UnderSecretary, "Under Secretary", 3, new OfficeId("HEALTH-DTE")) { Section = "EST", ReportsTo = JointSecretary, Role = "head-of-office" })
            .AddPost(new Post(SectionOfficer, "Section Officer", 2, new OfficeId("HEALTH-DTE")) { Section = "EST", ReportsTo = UnderSecretary, Role = "section-officer" })
            .AddPost(new Post(DealingAssistant, "Dealing Assistant", 1, new OfficeId("HEALTH-DTE")) { Section = "EST", ReportsTo = SectionOfficer, Role = "dealing-assistant" })
            .AddPost(new Post(AccountsOfficer, "Accounts Officer", 2, new OfficeId("HEALTH-DTE")) { Section = "ACC", ReportsTo = UnderSecretary })
            .AddPost(new Post(AccountsAssistant, "Accounts Assistant", 1, new OfficeId("HEALTH-DTE")) { Section = "ACC", ReportsTo = AccountsOfficer })
            .AddOfficer(new Officer(Ramesh, "Ramesh Kumar"))
            .AddOfficer(new Officer(Sunita, "Sunita Verma") { Clearance = SecurityGrading.Confidential })
            .AddOfficer(new Officer(Arvind, "Arvind Singh") { Clearance = SecurityGrading.Confidential })
            .AddOfficer(new Officer(Meera, "Meera Iyer") { Clearance = SecurityGrading.Secret })
            .AddOfficer(new Officer(Karan, "Karan Mehta"))
            .AddOfficer(new Officer(Pooja, "Pooja Sharma"))
            .AddOfficer(new Officer(Rajiv, "Rajiv Menon") { Clearance = SecurityGrading.TopSecret })
            .AddOfficer(new Officer(Neha, "Neha Gupta") { IsAdministrator = true })
            .Assign(Rajiv, Secretary, Start.AddYears(-5))
            .Assign(Ramesh, DealingAssistant, Start.AddYears(-5))
            .Assign(Sunita, SectionOfficer, Start.AddYears(-5))
            .Assign(Arvind, UnderSecretary, Start.AddYears(-5))
            .Assign(Meera, JointSecretary, Start.AddYears(-5))
            .Assign(Karan, AccountsAssistant, Start.AddYears(-5))
            .Assign(Pooja, AccountsOfficer, Start.AddYears(-5));
        builder = extend?.Invoke(builder) ?? builder;
        return new TestOffice(store ?? new InMemoryDocumentStore(), builder.Build(), algorithm, options);
    }

    public static NewFile LeaveFile(string subject = "Medical leave of Shri Ramesh Kumar, 10 days") =>
        new("HEALTH", "EST", "LEAVE", subject);

    public static NewReceipt LeaveApplication(ReceiptMedium medium = ReceiptMedium.Electronic) =>
        new("EST", "Shri Ramesh Kumar, Dealing Assistant", new DateOnly(2026, 3, 30), "Application for medical leave", medium);

    /// <summary>Advances the fake clock by some minutes (each action gets its own time).</summary>
    public void Tick(int minutes = 5) => Clock.Advance(TimeSpan.FromMinutes(minutes));

    public async Task<DocumentHead> OpenFileAsync(string? subject = null)
    {
        var result = await Engine.OpenFileAsync(Ramesh, DealingAssistant, subject is null ? FileTemplate : LeaveFile(subject));
        Tick();
        return result.Head;
    }

    public async Task<DocumentHead> FireAsync(DocumentId id, DocumentTrigger trigger, OfficerId actor, PostId? to = null, string? reason = null)
    {
        var result = await Engine.FireAsync(new DocumentAction(id, trigger, actor) { Recipient = to, Reason = reason });
        Tick();
        return result.Head;
    }

    /// <summary>Walks a file to the document state asked for, using the usual chain, and returns its head.</summary>
    public async Task<DocumentHead> FileInStateAsync(DocumentState state)
    {
        var file = await OpenFileAsync();
        switch (state)
        {
            case DocumentState.Draft:
                return file;
            case DocumentState.Forwarded:
                return await FireAsync(file.Id, DocumentTrigger.Forward, Ramesh, SectionOfficer);
            case DocumentState.Returned:
                await FireAsync(file.Id, DocumentTrigger.Forward, Ramesh, SectionOfficer);
                return await FireAsync(file.Id, DocumentTrigger.Return, Sunita);
            case DocumentState.Recalled:
                await FireAsync(file.Id, DocumentTrigger.Forward, Ramesh, SectionOfficer);
                return await FireAsync(file.Id, DocumentTrigger.Recall, Ramesh);
            case DocumentState.Approved:
                await FireAsync(file.Id, DocumentTrigger.Forward, Ramesh, SectionOfficer);
                return await FireAsync(file.Id, DocumentTrigger.Approve, Sunita);
            case DocumentState.Rejected:
                await FireAsync(file.Id, DocumentTrigger.Forward, Ramesh, SectionOfficer);
                return await FireAsync(file.Id, DocumentTrigger.Reject, Sunita, reason: "Leave not due");
            case DocumentState.Parked:
                return await FireAsync(file.Id, DocumentTrigger.Park, Ramesh);
            case DocumentState.Closed:
                return await FireAsync(file.Id, DocumentTrigger.Close, Ramesh);
            case DocumentState.UnderAppeal:
                return await FireAsync(file.Id, DocumentTrigger.Appeal, Karan, reason: "Not acknowledged");
            case DocumentState.UnderSecondAppeal:
                await FireAsync(file.Id, DocumentTrigger.Appeal, Karan);
                await FireAsync(file.Id, DocumentTrigger.DismissAppeal, Meera, reason: "Application was incomplete");
                return await FireAsync(file.Id, DocumentTrigger.SecondAppeal, Karan);
            case DocumentState.WithApplicant:
                await FireAsync(file.Id, DocumentTrigger.Forward, Ramesh, SectionOfficer);
                return await FireAsync(file.Id, DocumentTrigger.ReturnToApplicant, Sunita, reason: "Medical certificate missing");
            case DocumentState.TransferredOut:
                return (await Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.SendToInstance, Ramesh) { ToInstance = OtherInstance, Recipient = SectionOfficer })).Head;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "A file is never in this state.");
        }
    }
}
