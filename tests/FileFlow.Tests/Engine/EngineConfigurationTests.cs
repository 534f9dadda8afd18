using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.StoreContract;
using FileFlow.Tests.Services;

namespace FileFlow.Tests.Engine;

/// <summary>Regression tests for issue 14, defect 10: a configuration that cannot work fails when the engine is built, naming the role or officer.</summary>
public sealed class EngineConfigurationTests
{
    private static readonly OfficeId Office = new("TREASURY");

    [Fact]
    public void Constructor_ServiceRoleNoPostHolds_IsRefusedNamingTheRole()
    {
        // No post is head of department: overdue files would never escalate, and nobody could sanction GPF above Rs 1 lakh.
        var chart = ChartWithout("head-of-department");
        var office = TestOffice.Create();

        var act = () => new FileFlowEngine(new InMemoryDocumentStore(), office.Signers, chart, Options(ServiceCatalog.LoadDefaults()));

        var error = act.Should().Throw<ServiceDefinitionException>().Which;
        error.Message.Should().Contain("no post in the organisation has role 'head-of-department'");
        error.Path.Should().StartWith("$.");
    }

    [Fact]
    public void Constructor_OverrideMisspellingAnAppellateRole_IsRefusedNamingThePathAndRole()
    {
        var office = TestOffice.Create();
        var catalog = ServiceCatalog.LoadDefaults().WithOverrides("state.json", """{ "gpf": { "appeals": { "secondAppellate": "administrative-departmnet" } } }""");

        var act = () => new FileFlowEngine(new InMemoryDocumentStore(), office.Signers, office.Chart, Options(catalog));

        act.Should().Throw<ServiceDefinitionException>()
            .Where(e => e.Source == "gpf" && e.Path == "$.appeals.secondAppellate" && e.Message.Contains("'administrative-departmnet'", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_ServicesWithoutASignerForTheSystemOfficer_IsRefusedNamingTheOfficer()
    {
        var office = TestOffice.Create();
        var signers = SignersOf(office.Chart);

        var act = () => new FileFlowEngine(new InMemoryDocumentStore(), signers, office.Chart, Options(ServiceCatalog.LoadDefaults()));

        var error = act.Should().Throw<EngineConfigurationException>().Which;
        error.Officer.Should().Be(new OfficerId("fileflow-system"));
        error.Setting.Should().Be("FileFlowEngineOptions.SystemOfficer");
        error.Message.Should().Contain("'fileflow-system' has no signer");
        error.InnerException.Should().BeOfType<SignerNotFoundException>();
    }

    [Fact]
    public void Constructor_AnotherSystemOfficerWithASigner_IsAccepted()
    {
        var office = TestOffice.Create();
        var signers = SignersOf(office.Chart);
        signers.Register(new OfficerId("escalations"), SoftwareKey.Generate("escalations-key", SignatureAlgorithms.Ed25519).CreateSigner());
        var options = Options(ServiceCatalog.LoadDefaults());
        options.SystemOfficer = new OfficerId("escalations");

        var act = () => new FileFlowEngine(new InMemoryDocumentStore(), signers, office.Chart, options);

        act.Should().NotThrow();
    }

    [Fact]
    public void Constructor_WithoutServices_NeedsNoSystemSignerAndNoServiceRoles()
    {
        var chart = ChartWithout("head-of-department");

        var act = () => new FileFlowEngine(new InMemoryDocumentStore(), SignersOf(chart), chart, Options(null));
        var empty = () => new FileFlowEngine(new InMemoryDocumentStore(), SignersOf(chart), chart, Options(ServiceCatalog.Empty));

        act.Should().NotThrow("nothing escalates without services");
        empty.Should().NotThrow("an empty catalogue names no role");
    }

    [Fact]
    public async Task Constructor_NoSystemOfficer_BuildsAReadOnlyEngineThatRefusesToEscalate()
    {
        var office = TestOffice.WithServices();
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "LEAVE", "Leave")
        {
            ServiceId = "medical-leave",
            Inputs = ServiceSamples.Inputs["medical-leave"],
        });
        office.Clock.Advance(TimeSpan.FromDays(40));
        var options = Options(office.Engine.Services);
        options.SystemOfficer = null;
        options.TimeProvider = office.Clock;

        var reader = new FileFlowEngine(office.Store, new SignerRegistry(), office.Chart, options);
        var sweep = () => reader.EscalateOverdueAsync();

        (await reader.AssessPenaltyAsync(file.Head.Id))!.DaysLate.Should().BeGreaterThan(0, "a read-only engine still assesses delay");
        (await sweep.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("SystemOfficer");
        (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle("the configured engine escalates the same file");
    }

    private static FileFlowEngineOptions Options(ServiceCatalog? catalog) => new() { Services = catalog, TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestOffice.Start) };

    private static SignerRegistry SignersOf(OrganisationChart chart)
    {
        var signers = new SignerRegistry();
        foreach (var officer in chart.Officers)
        {
            signers.Register(officer.Id, SoftwareKey.Generate(officer.Id + "-key", SignatureAlgorithms.Ed25519).CreateSigner());
        }

        return signers;
    }

    private static OrganisationChart ChartWithout(string missing)
    {
        var since = TestOffice.Start.AddYears(-1);
        var builder = OrganisationChart.CreateBuilder().AddOffice(new Office(Office, "Directorate of Treasuries") { Sections = ["GPF"] });
        PostId? above = null;
        var level = 5;
        foreach (var role in new[] { "administrative-department", "head-of-department", "head-of-office", "section-officer", "dealing-assistant" })
        {
            if (role == missing)
            {
                continue;
            }

            var post = new PostId(role);
            builder.AddPost(new Post(post, role, level--, Office) { Role = role, ReportsTo = above, Section = "GPF" })
                .AddOfficer(new Officer(new OfficerId("officer-" + role), role)).Assign(new OfficerId("officer-" + role), post, since);
            above = post;
        }

        return builder.Build();
    }
}
