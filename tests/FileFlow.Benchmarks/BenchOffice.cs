using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.Benchmarks;

/// <summary>A two-post office, an engine over the in-memory store, and a file to move back and forth.</summary>
public sealed class BenchOffice
{
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly PostId Da = new("EST-DA");
    public static readonly PostId So = new("EST-SO");
    public static readonly OfficerId Ramesh = new("ramesh");
    public static readonly OfficerId Sunita = new("sunita");

    public BenchOffice(Func<OfficerId, ISigner> signerFor)
    {
        var office = new OfficeId("BENCH");
        Chart = OrganisationChart.CreateBuilder()
            .AddOffice(new Office(office, "Benchmark office") { Sections = ["EST"] })
            .AddPost(new Post(So, "Section Officer", 2, office) { Section = "EST" })
            .AddPost(new Post(Da, "Dealing Assistant", 1, office) { Section = "EST", ReportsTo = So })
            .AddOfficer(new Officer(Ramesh, "Ramesh Kumar")).AddOfficer(new Officer(Sunita, "Sunita Verma"))
            .Assign(Ramesh, Da, Start.AddYears(-1)).Assign(Sunita, So, Start.AddYears(-1))
            .Build();
        var signers = new SignerRegistry().Register(Ramesh, signerFor(Ramesh)).Register(Sunita, signerFor(Sunita));
        Store = new InMemoryDocumentStore();
        Engine = new FileFlowEngine(Store, signers, Chart, new FileFlowEngineOptions { TimeProvider = new StepClock() });
    }

    public OrganisationChart Chart { get; }

    public InMemoryDocumentStore Store { get; }

    public FileFlowEngine Engine { get; }

    public static DevelopmentCertificateAuthority Authority(CertificateKeyAlgorithm algorithm) =>
        DevelopmentCertificateAuthority.CreateRoot("Bench Root", Start.AddYears(-1), Start.AddYears(5), algorithm);

    public static OfficerCredential Issue(DevelopmentCertificateAuthority authority, OfficerId officer, CertificateKeyAlgorithm algorithm) =>
        authority.IssueOfficerCertificate(new OfficerCertificateRequest { Officer = officer, Name = officer.Value, Algorithm = algorithm, NotBefore = Start.AddYears(-1), NotAfter = Start.AddYears(5) });

    public async Task<DocumentId> OpenAsync() =>
        (await Engine.OpenFileAsync(Ramesh, Da, new NewFile("BENCH", "EST", "GEN", "Benchmark file"))).Head.Id;

    /// <summary>Forward (even steps) or return (odd steps): one transition each.</summary>
    public Task<ActionResult> MoveAsync(DocumentId id, int step) =>
        Engine.FireAsync(step % 2 == 0 ? new DocumentAction(id, DocumentTrigger.Forward, Ramesh) { Recipient = So } : new DocumentAction(id, DocumentTrigger.Return, Sunita));

    private sealed class StepClock : TimeProvider
    {
        private long ticks = Start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref ticks, TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
