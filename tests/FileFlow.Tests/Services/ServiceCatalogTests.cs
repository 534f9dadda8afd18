using FileFlow.Services;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Services;

public sealed class ServiceCatalogTests
{
    [Fact]
    public void The_ten_services_ship_with_English_and_Hindi_names_and_say_which_come_from_the_order()
    {
        var catalog = ServiceCatalog.LoadDefaults();
        catalog.Services.Select(s => s.Id).Should().BeEquivalentTo(ServiceSamples.Inputs.Keys);
        catalog.Services.Count(s => s.Origin == "order").Should().Be(8);
        catalog.Services.Where(s => s.Origin == "default").Select(s => s.Id).Should().BeEquivalentTo(["ta-bill", "annual-increment"]);
        catalog.Get("earned-leave").NameHindi.Should().Be("अर्जित अवकाश की स्वीकृति");
        catalog.Get("gpf").TimeLimit.Days.Should().Be(15);
        catalog.Get("medical-reimbursement").TimeLimit.Source.Should().Contain("2021");
        catalog.Services.Should().OnlyContain(s => s.Penalty.PerDay == 250 && s.Penalty.Cap == 5000 && s.Penalty.Source.StartsWith("default", StringComparison.Ordinal));
    }

    [Fact]
    public void The_built_in_roles_exist_in_the_test_office()
    {
        FluentActions.Invoking(() => ServiceCatalog.LoadDefaults().ValidateAgainst(TestOffice.Create().Chart)).Should().NotThrow();
    }

    [Fact]
    public void An_override_changes_a_figure_without_code_and_adds_a_version()
    {
        var catalog = ServiceCatalog.LoadDefaults();
        var changed = catalog.WithOverrides("state.json", """{ "gpf": { "timeLimit": { "days": 10 }, "penalty": { "perDay": 500 } } }""");

        changed.Get("gpf").Version.Should().Be(2);
        changed.Get("gpf").TimeLimit.Days.Should().Be(10);
        changed.Get("gpf").Penalty.PerDay.Should().Be(500);
        changed.Get("gpf").Penalty.Cap.Should().Be(5000);
        changed.Get("gpf", 1).TimeLimit.Days.Should().Be(15);
        changed.Get("gpf").Digest.Should().NotBe(changed.Get("gpf", 1).Digest);
        catalog.Get("gpf").Version.Should().Be(1, "catalogues are immutable");
    }

    [Fact]
    public void A_folder_of_definitions_loads_on_top_of_the_defaults()
    {
        var dir = Directory.CreateTempSubdirectory("fileflow-services");
        var gpf = File.ReadAllText(Path.Combine(MachinesRoot(), "src", "FileFlow", "Services", "Definitions", "gpf.json"))
            .Replace("\"version\": 1", "\"version\": 3", StringComparison.Ordinal)
            .Replace("\"days\": 15", "\"days\": 7", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir.FullName, "gpf.json"), gpf);
        var catalog = ServiceCatalog.LoadDefaults().WithDirectory(dir.FullName);
        catalog.Get("gpf").Version.Should().Be(3);
        catalog.Get("gpf").TimeLimit.Days.Should().Be(7);
    }

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { "cycle", """{"route":{"steps":["dealing-assistant","section-officer","dealing-assistant"]}}""", "$.gpf.route.steps[2]: role 'dealing-assistant' already appears at step 0: the route has a cycle" },
        { "unreachable", """{"route":{"authority":"chief-secretary"}}""", "$.gpf.route.authority: the sanctioning role 'chief-secretary' is not one of the route's steps, so no file can reach it (unreachable sanction step)" },
        { "threshold unreachable", """{"route":{"thresholds":[{"input":"amount","above":1,"unit":"INR","authority":"governor"}]}}""", "$.gpf.route.thresholds[0].authority: role 'governor' is not one of the route's steps (unreachable sanction step)" },
        { "missing unit", """{"route":{"thresholds":[{"input":"amount","above":100000,"authority":"head-of-department"}]}}""", "$.gpf.route.thresholds[0].unit: a threshold needs a unit" },
        { "wrong unit", """{"route":{"thresholds":[{"input":"amount","above":100000,"unit":"days","authority":"head-of-department"}]}}""", "$.gpf.route.thresholds[0].unit: unit 'days' differs from input 'amount''s unit 'INR'" },
        { "threshold on unknown input", """{"route":{"thresholds":[{"input":"salary","above":1,"unit":"INR","authority":"head-of-department"}]}}""", "$.gpf.route.thresholds[0].input: 'salary' is not a numeric input of this service" },
        { "no days", """{"timeLimit":{"days":0}}""", "$.gpf.timeLimit.days: the stipulated time must be at least one day" },
        { "bad share", """{"timeLimit":{"atRiskShare":1.5}}""", "$.gpf.timeLimit.atRiskShare: must be between 0 and 1" },
        { "bad input type", """{"inputs":[{"name":"x","type":"colour"}]}""", "$.gpf.inputs[0].type: 'colour' is not one of" },
        { "no hindi name", """{"name":{"hi":null}}""", "$.gpf.name.hi: is missing" },
        { "bad origin", """{"origin":"rumour"}""", "$.gpf.origin: must be \"order\"" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_definition_is_refused_with_its_path_and_nothing_is_loaded(string name, string patch, string message)
    {
        var catalog = ServiceCatalog.LoadDefaults();
        var act = () => catalog.WithOverrides($"{name}.json", $$"""{ "gpf": {{patch}} }""");
        var error = act.Should().Throw<ServiceDefinitionException>().Which;
        error.Message.Should().Contain(message);
        error.Path.Should().StartWith("$");
        catalog.Get("gpf").Version.Should().Be(1);
    }

    [Fact]
    public void A_batch_with_one_bad_definition_loads_nothing()
    {
        var catalog = ServiceCatalog.Empty;
        var good = File.ReadAllText(Path.Combine(MachinesRoot(), "src", "FileFlow", "Services", "Definitions", "salary.json"));
        var act = () => catalog.With([("salary.json", good), ("broken.json", "{ \"id\": \"broken\" ")]);
        act.Should().Throw<ServiceDefinitionException>().WithMessage("broken.json*not valid JSON*");
        catalog.Services.Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_post_role_is_named_when_validated_against_the_organisation()
    {
        var catalog = ServiceCatalog.LoadDefaults().WithOverrides("x.json", """{ "salary": { "appeals": { "firstAppellate": "treasury-officer" } } }""");
        var act = () => catalog.ValidateAgainst(TestOffice.Create().Chart);
        act.Should().Throw<ServiceDefinitionException>().WithMessage("*$.appeals.firstAppellate: unknown post: no post in the organisation has role 'treasury-officer'*");
    }

    [Fact]
    public void Every_route_exports_as_Mermaid()
    {
        foreach (var service in ServiceCatalog.LoadDefaults().Services)
        {
            var mermaid = ServiceDiagram.ToMermaid(service);
            mermaid.Should().StartWith("flowchart BT");
            foreach (var step in service.Route.Steps.Take(service.Route.Steps.IndexOf(service.Route.Authority) + 1))
            {
                mermaid.Should().Contain(step);
            }

            mermaid.Should().Contain("escalate").And.Contain(service.Appeals.SecondAppellate);
        }

        ServiceDiagram.ToMermaid(ServiceCatalog.LoadDefaults().Get("gpf")).Should().Contain("sanction above 100000 INR of amount");
    }

    private static string MachinesRoot() => FileFlow.Tests.Machines.DocumentMachineTests.RepositoryRoot();
}
