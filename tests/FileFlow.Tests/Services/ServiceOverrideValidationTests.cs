using System.Text.Json.Nodes;
using FileFlow.Services;

namespace FileFlow.Tests.Services;

/// <summary>Regression tests for issue 14, defect 11: every malformed override is a <see cref="ServiceDefinitionException"/> naming the JSON path in the overrides, and nothing is loaded.</summary>
public sealed class ServiceOverrideValidationTests
{
    private static readonly ServiceCatalog Defaults = ServiceCatalog.LoadDefaults();

    public static TheoryData<string, string, string> MalformedOverrides() => new()
    {
        // Penalties: negative, of the wrong type, out of range, misspelt.
        { """{ "gpf": { "penalty": { "perDay": -5 } } }""", "$.gpf.penalty.perDay", "must be at least 0" },
        { """{ "gpf": { "penalty": { "cap": -1 } } }""", "$.gpf.penalty.cap", "must be at least 0" },
        { """{ "gpf": { "penalty": { "perDay": "500" } } }""", "$.gpf.penalty.perDay", "must be a number" },
        { """{ "gpf": { "penalty": { "perDay": 1e400 } } }""", "$.gpf.penalty.perDay", "out of range" },
        { """{ "gpf": { "penalty": { "perday": 500 } } }""", "$.gpf.penalty.perday", "unknown key 'perday' (did you mean 'perDay'?)" },
        { """{ "gpf": { "penalty": { "source": null } } }""", "$.gpf.penalty.source", "is missing" },
        { """{ "gpf": { "penalty": 250 } }""", "$.gpf.penalty", "must be an object" },
        // The time limit.
        { """{ "gpf": { "timeLimit": { "dayz": 10 } } }""", "$.gpf.timeLimit.dayz", "(did you mean 'days'?)" },
        { """{ "gpf": { "timelimit": { "days": 10 } } }""", "$.gpf.timelimit", "(did you mean 'timeLimit'?)" },
        { """{ "gpf": { "timeLimit": { "days": 1e20 } } }""", "$.gpf.timeLimit.days", "must be from 1 to 3650" },
        { """{ "gpf": { "timeLimit": { "days": 1e400 } } }""", "$.gpf.timeLimit.days", "out of range" },
        { """{ "gpf": { "timeLimit": { "days": 2.5 } } }""", "$.gpf.timeLimit.days", "must be a whole number" },
        { """{ "gpf": { "timeLimit": { "days": "10" } } }""", "$.gpf.timeLimit.days", "must be a number" },
        { """{ "gpf": { "timeLimit": { "days": -3 } } }""", "$.gpf.timeLimit.days", "at least one day" },
        { """{ "gpf": { "timeLimit": { "days": null } } }""", "$.gpf.timeLimit.days", "is missing" },
        { """{ "gpf": { "timeLimit": { "count": 5 } } }""", "$.gpf.timeLimit.count", "must be a non-empty string" },
        { """{ "gpf": { "timeLimit": { "count": "weekly" } } }""", "$.gpf.timeLimit.count", "neither \"calendar\" nor \"working\"" },
        { """{ "gpf": { "timeLimit": { "atRiskShare": "high" } } }""", "$.gpf.timeLimit.atRiskShare", "must be a number" },
        { """{ "gpf": { "timeLimit": { "atRiskShare": 0 } } }""", "$.gpf.timeLimit.atRiskShare", "between 0 and 1" },
        // Appeal windows and the appellate chain.
        { """{ "gpf": { "appeals": { "firstAppealWindowDays": -1 } } }""", "$.gpf.appeals.firstAppealWindowDays", "must be from 1" },
        { """{ "gpf": { "appeals": { "firstAppealDecisionDays": 0 } } }""", "$.gpf.appeals.firstAppealDecisionDays", "must be from 1" },
        { """{ "gpf": { "appeals": { "secondAppealWindowDays": 1e10 } } }""", "$.gpf.appeals.secondAppealWindowDays", "must be from 1 to 36500" },
        { """{ "gpf": { "appeals": { "secondAppealDecisionDays": 3.5 } } }""", "$.gpf.appeals.secondAppealDecisionDays", "must be a whole number" },
        { """{ "gpf": { "appeals": { "secondAppealDecisionDays": true } } }""", "$.gpf.appeals.secondAppealDecisionDays", "must be a number" },
        { """{ "gpf": { "appeals": { "firstAppelate": "head-of-department" } } }""", "$.gpf.appeals.firstAppelate", "(did you mean 'firstAppellate'?)" },
        { """{ "gpf": { "appeals": { "firstAppellate": "head-of-office" } } }""", "$.gpf.appeals.firstAppellate", "must be above the designated officer" },
        { """{ "gpf": { "appeals": { "secondAppellate": "head-of-department" } } }""", "$.gpf.appeals.secondAppellate", "must be above the first appellate officer" },
        { """{ "gpf": { "appeals": { "designated": "" } } }""", "$.gpf.appeals.designated", "must be a non-empty string" },
        { """{ "gpf": { "appeals": { "source": 5 } } }""", "$.gpf.appeals.source", "must be a non-empty string" },
        { """{ "gpf": { "appeals": { "onEscalation": "decideAnything" } } }""", "$.gpf.appeals.onEscalation", "is not one of orderDelivery, decideWithinPowers, sendUp" },
        { """{ "gpf": { "appeals": { "onEscalation": ["sendUp", "sendUp"] } } }""", "$.gpf.appeals.onEscalation[1]", "listed twice" },
        { """{ "gpf": { "appeals": { "onEscalation": [5] } } }""", "$.gpf.appeals.onEscalation[0]", "must be a non-empty string" },
        { """{ "gpf": { "appeals": { "onEscalation": 5 } } }""", "$.gpf.appeals.onEscalation", "must be a non-empty string" },
        // Identity and version: a patch cannot turn one service into another.
        { """{ "gpf": { "id": "salary" } }""", "$.gpf.id", "cannot change the id of 'gpf'" },
        { """{ "gpf": { "id": null } }""", "$.gpf.id", "cannot change the id of 'gpf'" },
        { """{ "gpf": { "id": 7 } }""", "$.gpf.id", "cannot change the id of 'gpf'" },
        { """{ "gpf": { "version": "2" } }""", "$.gpf.version", "must be a number" },
        { """{ "gpf": { "version": 0 } }""", "$.gpf.version", "must be from 1" },
        { """{ "gpf": { "version": 1e12 } }""", "$.gpf.version", "must be from 1" },
        { """{ "gpf": { "version": 1, "penalty": { "perDay": 100 } } }""", "$.gpf.version", "already exists with other content" },
        // Inputs.
        { """{ "gpf": { "inputs": [{ "name": "amount", "type": "amount", "required": "yes" }] } }""", "$.gpf.inputs[0].required", "must be true or false" },
        { """{ "gpf": { "inputs": [{ "name": "amount", "type": "2" }] } }""", "$.gpf.inputs[0].type", "is not one of text, integer" },
        { """{ "gpf": { "inputs": [{ "name": "note", "type": "text", "min": 1 }] } }""", "$.gpf.inputs[0].min", "only a numeric input" },
        { """{ "gpf": { "inputs": [{ "name": "amount", "type": "amount", "min": 10, "max": 5 }] } }""", "$.gpf.inputs[0].max", "below the minimum" },
        { """{ "gpf": { "inputs": [{ "name": "amount", "type": "amount", "unit": 5 }] } }""", "$.gpf.inputs[0].unit", "must be a non-empty string" },
        { """{ "gpf": { "inputs": [{ "name": "amount", "type": "amount", "requried": false }] } }""", "$.gpf.inputs[0].requried", "(did you mean 'required'?)" },
        { """{ "gpf": { "inputs": [{ "name": "amount", "type": "amount", "values": ["1"] }] } }""", "$.gpf.inputs[0].values", "only a choice has allowed values" },
        { """{ "gpf": { "inputs": [{ "name": "kind", "type": "choice", "values": ["a", "a"] }] } }""", "$.gpf.inputs[0].values", "lists a value twice" },
        { """{ "gpf": { "inputs": [{ "name": "kind", "type": "choice", "values": "advance" }] } }""", "$.gpf.inputs[0].values", "must be an array" },
        { """{ "gpf": { "inputs": [{ "name": 5, "type": "text" }] } }""", "$.gpf.inputs[0].name", "must be a non-empty string" },
        { """{ "gpf": { "inputs": { "name": "amount" } } }""", "$.gpf.inputs", "must be an array" },
        // Cross-input rules.
        { """{ "gpf": { "constraints": [{ "rule": "atMost", "input": 5, "other": "balance" }] } }""", "$.gpf.constraints[0].input", "must be a non-empty string" },
        { """{ "gpf": { "constraints": [{ "rule": "atMost", "input": "amount", "other": "balance", "third": "kind" }] } }""", "$.gpf.constraints[0].third", "only a daysBetween rule" },
        { """{ "gpf": { "constraints": [{ "rule": "notBefore", "input": "amount", "other": "balance" }] } }""", "$.gpf.constraints[0].input", "this rule needs date" },
        { """{ "gpf": { "constraints": [{ "rule": "atMost", "input": "kind", "other": "balance" }] } }""", "$.gpf.constraints[0].input", "this rule needs integer or amount" },
        { """{ "gpf": { "constraints": [{ "rule": "atMost", "input": "amount", "other": "salary" }] } }""", "$.gpf.constraints[0].other", "'salary' is not an input" },
        { """{ "gpf": { "constraints": [{ "rule": "atmost", "input": "amount", "other": "balance" }] } }""", "$.gpf.constraints[0].rule", "is not one of atMost" },
        { """{ "gpf": { "constraints": [{ "rule": "atMost", "input": "amount", "othr": "balance" }] } }""", "$.gpf.constraints[0].othr", "(did you mean 'other'?)" },
        // The route and its thresholds.
        { """{ "gpf": { "route": { "thresholds": [{ "input": "amount", "above": -1, "unit": "INR", "authority": "head-of-department" }] } } }""", "$.gpf.route.thresholds[0].above", "must be at least 0" },
        { """{ "gpf": { "route": { "thresholds": [{ "input": "amount", "above": "lots", "unit": "INR", "authority": "head-of-department" }] } } }""", "$.gpf.route.thresholds[0].above", "must be a number" },
        { """{ "gpf": { "route": { "thresholds": [{ "input": "amount", "above": 1, "unit": 5, "authority": "head-of-department" }] } } }""", "$.gpf.route.thresholds[0].unit", "must be a non-empty string" },
        { """{ "gpf": { "route": { "thresholds": [{ "input": "amount", "abov": 1, "unit": "INR", "authority": "head-of-department" }] } } }""", "$.gpf.route.thresholds[0].abov", "(did you mean 'above'?)" },
        { """{ "gpf": { "route": { "steps": "dealing-assistant" } } }""", "$.gpf.route.steps", "must be an array" },
        { """{ "gpf": { "route": { "steps": [1, 2] } } }""", "$.gpf.route.steps[0]", "must be a non-empty string" },
        { """{ "gpf": { "route": { "steps": [] } } }""", "$.gpf.route.steps", "at least one step" },
        { """{ "gpf": { "route": { "authorty": "head-of-office" } } }""", "$.gpf.route.authorty", "(did you mean 'authority'?)" },
        // Names and notes.
        { """{ "gpf": { "name": { "en": "" } } }""", "$.gpf.name.en", "must be a non-empty string" },
        { """{ "gpf": { "name": "GPF" } }""", "$.gpf.name", "must be an object" },
        { """{ "gpf": { "name": { "fr": "Avance" } } }""", "$.gpf.name.fr", "unknown key 'fr'" },
        { """{ "gpf": { "originNote": 5 } }""", "$.gpf.originNote", "must be a non-empty string" },
        { """{ "gpf": { "description": "GPF advances" } }""", "$.gpf.description", "unknown key 'description'" },
        // The overrides document itself.
        { """{ "gpf": 5 }""", "$.gpf", "must be an object" },
        { """{ "gpf": null }""", "$.gpf", "must be an object" },
        { """{ "gfp": { "penalty": { "perDay": 500 } } }""", "$.gfp", "there is no service 'gfp'" },
        { """[ { "gpf": {} } ]""", "$", "must be a JSON object keyed by service id" },
        { """{ "gpf": { "penalty": { "perDay": 1, "perDay": 2 } } }""", "$", "not valid JSON" },
        { """{ "gpf": { "penalty": { "perDay": 1 } """, "$", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(MalformedOverrides))]
    public void WithOverrides_MalformedValue_IsRefusedNamingItsPathAndNothingIsLoaded(string overrides, string path, string problem)
    {
        var act = () => Defaults.WithOverrides("state.json", overrides);

        var error = act.Should().Throw<ServiceDefinitionException>().Which;
        error.Path.Should().StartWith(path);
        error.Message.Should().Contain(problem).And.StartWith("state.json: ");
        Defaults.Get("gpf").Version.Should().Be(1);
        Defaults.Get("gpf").Penalty.PerDay.Should().Be(250);
    }

    [Fact]
    public void WithOverrides_AnyLeafReplacedByAnyJsonValue_GivesADefinitionOrAServiceDefinitionExceptionOnly()
    {
        var gpf = JsonNode.Parse(File.ReadAllText(DefinitionPath("gpf.json")))!.AsObject();
        string[] values = ["-1", "0", "1e400", "1e20", "2.5", "\"x\"", "\"\"", "true", "null", "[]", "{}", "[1]", "{\"a\":1}"];
        var tried = 0;
        foreach (var leaf in Leaves(gpf, []))
        {
            foreach (var value in values)
            {
                var overrides = $$"""{ "gpf": {{Patch(leaf, value)}} }""";
                tried++;
                try
                {
                    Defaults.WithOverrides("fuzz.json", overrides);
                }
                catch (ServiceDefinitionException e)
                {
                    e.Path.Should().StartWith("$.gpf", overrides);
                }
            }
        }

        tried.Should().BeGreaterThan(300);
    }

    [Fact]
    public void WithOverrides_PatchRepeatingTheServicesOwnId_IsAccepted()
    {
        var changed = Defaults.WithOverrides("state.json", """{ "gpf": { "id": "gpf", "penalty": { "perDay": 500 } } }""");

        changed.Get("gpf").Penalty.PerDay.Should().Be(500);
        changed.Get("salary").Should().Be(Defaults.Get("salary"), "the other services are untouched");
    }

    [Fact]
    public void WithOverrides_OnEscalation_IsReadAsAWordOrAList()
    {
        var one = Defaults.WithOverrides("a.json", """{ "gpf": { "appeals": { "onEscalation": "orderDelivery" } } }""");
        var many = Defaults.WithOverrides("b.json", """{ "gpf": { "appeals": { "onEscalation": ["orderDelivery", "decideWithinPowers", "sendUp"] } } }""");

        one.Get("gpf").Appeals.OnEscalation.Should().Be(EscalationPowers.OrderDelivery);
        many.Get("gpf").Appeals.OnEscalation.Should().Be(EscalationPowers.All);
        Defaults.WithOverrides("c.json", """{ "gpf": { "appeals": { "onEscalation": [] } } }""").Get("gpf").Appeals.OnEscalation.Should().Be(EscalationPowers.None);
    }

    [Fact]
    public void With_WholeDefinitionWithAMisspeltKey_IsRefusedNamingIt()
    {
        var salary = File.ReadAllText(DefinitionPath("salary.json")).Replace("\"salary\"", "\"salary-2\"", StringComparison.Ordinal)
            .Replace("\"perDay\"", "\"perDiem\"", StringComparison.Ordinal);

        var act = () => Defaults.With([("salary-2.json", salary)]);

        act.Should().Throw<ServiceDefinitionException>()
            .Where(e => e.Path == "$.penalty.perDiem" && e.Message.Contains("unknown key 'perDiem'", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadDefaults_EveryBuiltInDefinition_ReadsUnderTheStrictRules()
    {
        Defaults.Services.Should().HaveCount(10);
    }

    private static IEnumerable<string[]> Leaves(JsonNode? node, string[] path)
    {
        if (node is JsonObject o)
        {
            return o.SelectMany(p => Leaves(p.Value, [.. path, p.Key]));
        }

        // Arrays are replaced whole by a merge patch: the array itself is the leaf.
        return [path];
    }

    private static string Patch(string[] path, string value) =>
        path.Reverse().Aggregate(value, (inner, key) => $$"""{ "{{key}}": {{inner}} }""");

    private static string DefinitionPath(string name) =>
        Path.Combine(FileFlow.Tests.Machines.DocumentMachineTests.RepositoryRoot(), "src", "FileFlow", "Services", "Definitions", name);
}
