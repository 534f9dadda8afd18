using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FileFlow.Records;

namespace FileFlow.Services;

/// <summary>Reads a service definition from JSON strictly: every key known, every field of its type and range, the JSON path of the first problem named.</summary>
internal static class ServiceDefinitionReader
{
    private static readonly string[] ConstraintKinds = ["atMost", "notBefore", "daysBetween"];

    private static readonly Dictionary<string, InputKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = InputKind.Text, ["integer"] = InputKind.Integer, ["amount"] = InputKind.Amount,
        ["date"] = InputKind.Date, ["month"] = InputKind.Month, ["choice"] = InputKind.Choice,
    };

    /// <summary>Reads one definition; <paramref name="rootPath"/> is where it sits in its document (<c>$</c>, or <c>$.gpf</c> in an overrides file).</summary>
    public static ServiceDefinition Read(string source, JsonNode? root, string rootPath = "$")
    {
        var o = DefinitionObject.Of(source, root, rootPath,
            "id", "version", "name", "origin", "originNote", "timeLimit", "inputs", "constraints", "route", "appeals", "penalty");
        var id = o.Text("id");
        var version = o.Has("version") ? o.Whole("version", 1, 1_000_000) : 1;
        var names = o.Object("name", "en", "hi");
        var origin = o.Text("origin");
        if (origin is not ("order" or "default" or "act"))
        {
            throw o.Error("origin", "must be \"order\" (named in the 2018 UP order), \"act\" (a statute's own service, such as the RTI Act 2005) or \"default\"");
        }

        _ = o.OptionalText("originNote");
        var inputs = ReadInputs(o);
        var route = ReadRoute(o, inputs);
        return new ServiceDefinition
        {
            Id = id,
            Version = version,
            NameEnglish = names.Text("en"),
            NameHindi = names.Text("hi"),
            Origin = origin,
            TimeLimit = ReadTimeLimit(o),
            Inputs = inputs,
            Constraints = ReadConstraints(o, inputs),
            Route = route,
            Appeals = ReadAppeals(o),
            Penalty = ReadPenalty(o),
            Digest = Hash256.Compute(Encoding.UTF8.GetBytes(Canonical(o.Json))),
        };
    }

    /// <summary>Serialises JSON with object keys sorted (ordinal) and no white space: the form a definition's digest covers.</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray arr => "[" + string.Join(",", arr.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };

    private static RouteDefinition ReadRoute(DefinitionObject o, ImmutableArray<InputDefinition> inputs)
    {
        var route = o.Object("route", "steps", "authority", "thresholds");
        var steps = route.Array("steps").Select((n, i) => DefinitionObject.Text(o.Source, n, $"{route.At("steps")}[{i}]")).ToImmutableArray();
        if (steps.Length == 0)
        {
            throw route.Error("steps", "a route needs at least one step");
        }

        for (var i = 0; i < steps.Length; i++)
        {
            var first = steps.IndexOf(steps[i]);
            if (first != i)
            {
                throw new ServiceDefinitionException(o.Source, $"{route.At("steps")}[{i}]", $"role '{steps[i]}' already appears at step {first}: the route has a cycle");
            }
        }

        var authority = route.Text("authority");
        if (!steps.Contains(authority))
        {
            throw route.Error("authority", $"the sanctioning role '{authority}' is not one of the route's steps, so no file can reach it (unreachable sanction step)");
        }

        var thresholds = ImmutableArray.CreateBuilder<Threshold>();
        var list = route.OptionalArray("thresholds");
        for (var i = 0; i < list.Count; i++)
        {
            var t = DefinitionObject.Of(o.Source, list[i], $"{route.At("thresholds")}[{i}]", "input", "above", "unit", "authority");
            var input = t.Text("input");
            if (!inputs.Any(x => x.Name == input && x.Kind is InputKind.Integer or InputKind.Amount))
            {
                throw t.Error("input", $"'{input}' is not a numeric input of this service");
            }

            if (!t.Has("unit"))
            {
                throw t.Error("unit", "a threshold needs a unit (for example \"INR\" or \"days\")");
            }

            var unit = t.Text("unit");
            var declared = inputs.First(x => x.Name == input).Unit;
            if (declared is not null && declared != unit)
            {
                throw t.Error("unit", $"unit '{unit}' differs from input '{input}''s unit '{declared}'");
            }

            var who = t.Text("authority");
            if (!steps.Contains(who))
            {
                throw t.Error("authority", $"role '{who}' is not one of the route's steps (unreachable sanction step)");
            }

            if (steps.IndexOf(who) <= steps.IndexOf(thresholds.Count > 0 ? thresholds[^1].Authority : authority))
            {
                throw t.Error("authority", $"role '{who}' must be higher in the route than the authority below this threshold");
            }

            var above = t.Number("above", min: 0);
            if (thresholds.Count > 0 && above <= thresholds[^1].Above)
            {
                throw t.Error("above", "thresholds must rise in order");
            }

            thresholds.Add(new Threshold(input, above, unit, who));
        }

        return new RouteDefinition(steps, authority) { Thresholds = thresholds.ToImmutable() };
    }

    private static TimeLimit ReadTimeLimit(DefinitionObject o)
    {
        var limit = o.Object("timeLimit", "days", "count", "atRiskShare", "source");
        if (limit.Has("days") && limit.Number("days") < 1)
        {
            throw limit.Error("days", "the stipulated time must be at least one day");
        }

        var days = limit.Whole("days", 1, 3650);
        var count = limit.OptionalText("count") ?? "calendar";
        if (count is not ("calendar" or "working"))
        {
            throw limit.Error("count", $"'{count}' is neither \"calendar\" nor \"working\"");
        }

        var share = limit.OptionalNumber("atRiskShare") ?? 0.75m;
        if (share is <= 0 or >= 1)
        {
            throw limit.Error("atRiskShare", "must be between 0 and 1");
        }

        return new TimeLimit(days, count == "working", (double)share, limit.Text("source"));
    }

    private static AppellateChain ReadAppeals(DefinitionObject o)
    {
        var appeals = o.Object("appeals", "designated", "firstAppellate", "secondAppellate", "firstAppealWindowDays", "firstAppealDecisionDays",
            "firstAppealExtendedDays", "secondAppealWindowDays", "secondAppealDecisionDays", "source", "onEscalation");
        var designated = appeals.Text("designated");
        var first = appeals.Text("firstAppellate");
        var second = appeals.Text("secondAppellate");
        if (first == designated)
        {
            throw appeals.Error("firstAppellate", $"the first appellate officer must be above the designated officer, not the same role '{first}'");
        }

        if (second == first || second == designated)
        {
            throw appeals.Error("secondAppellate", $"the second appellate authority must be above the first appellate officer, not the same role '{second}'");
        }

        _ = appeals.OptionalText("source");
        var decision = appeals.Whole("firstAppealDecisionDays", 1);
        int? extended = appeals.Has("firstAppealExtendedDays") ? appeals.Whole("firstAppealExtendedDays", 1) : null;
        if (extended <= decision)
        {
            throw appeals.Error("firstAppealExtendedDays", $"an extension must give more than the {decision} days to decide, not {extended}");
        }

        return new AppellateChain(
            designated,
            first,
            second,
            appeals.Whole("firstAppealWindowDays", 1),
            decision,
            appeals.Whole("secondAppealWindowDays", 1),
            appeals.Whole("secondAppealDecisionDays", 1))
        {
            OnEscalation = ReadOnEscalation(appeals),
            FirstAppealExtendedDays = extended,
        };
    }

    private static EscalationPowers ReadOnEscalation(DefinitionObject appeals)
    {
        var path = appeals.At("onEscalation");
        var node = appeals.Json["onEscalation"];
        if (node is null)
        {
            return EscalationPowers.All;
        }

        // One word, or a list of them.
        var words = node is JsonArray list
            ? list.Select((n, i) => (Word: DefinitionObject.Text(appeals.Source, n, $"{path}[{i}]"), At: $"{path}[{i}]")).ToList()
            : [(DefinitionObject.Text(appeals.Source, node, path), path)];
        var powers = EscalationPowers.None;
        foreach (var (word, at) in words)
        {
            var power = word switch
            {
                "orderDelivery" => EscalationPowers.OrderDelivery,
                "decideWithinPowers" => EscalationPowers.DecideWithinPowers,
                "sendUp" => EscalationPowers.SendUp,
                _ => throw new ServiceDefinitionException(appeals.Source, at, $"'{word}' is not one of orderDelivery, decideWithinPowers, sendUp"),
            };
            if (powers.HasFlag(power))
            {
                throw new ServiceDefinitionException(appeals.Source, at, $"'{word}' is listed twice");
            }

            powers |= power;
        }

        return powers;
    }

    private static PenaltyRule ReadPenalty(DefinitionObject o)
    {
        var penalty = o.Object("penalty", "perDay", "cap", "source");
        return new PenaltyRule(penalty.Number("perDay", min: 0), penalty.Number("cap", min: 0), penalty.Text("source"));
    }

    private static ImmutableArray<InputDefinition> ReadInputs(DefinitionObject o)
    {
        var result = ImmutableArray.CreateBuilder<InputDefinition>();
        var list = o.OptionalArray("inputs");
        for (var i = 0; i < list.Count; i++)
        {
            var x = DefinitionObject.Of(o.Source, list[i], $"{o.At("inputs")}[{i}]", "name", "type", "required", "min", "max", "values", "unit");
            var name = x.Text("name");
            if (result.Any(r => r.Name == name))
            {
                throw x.Error("name", $"input '{name}' is defined twice");
            }

            var typeText = x.Text("type");
            if (!Kinds.TryGetValue(typeText, out var kind))
            {
                throw x.Error("type", $"'{typeText}' is not one of text, integer, amount, date, month, choice");
            }

            var numeric = kind is InputKind.Integer or InputKind.Amount;
            foreach (var bound in new[] { "min", "max", "unit" }.Where(k => x.Has(k) && !numeric))
            {
                throw x.Error(bound, $"only a numeric input (integer or amount) has a {bound}; '{name}' is {typeText}");
            }

            var min = x.OptionalNumber("min");
            var max = x.OptionalNumber("max");
            if (min > max)
            {
                throw x.Error("max", $"{max} is below the minimum {min}");
            }

            var values = x.OptionalArray("values").Select((n, j) => DefinitionObject.Text(o.Source, n, $"{x.At("values")}[{j}]")).ToImmutableArray();
            if (kind == InputKind.Choice && values.Length == 0)
            {
                throw x.Error("values", "a choice needs its allowed values");
            }

            if (kind != InputKind.Choice && x.Has("values"))
            {
                throw x.Error("values", $"only a choice has allowed values; '{name}' is {typeText}");
            }

            if (values.Distinct(StringComparer.Ordinal).Count() != values.Length)
            {
                throw x.Error("values", "lists a value twice");
            }

            result.Add(new InputDefinition(name, kind, x.OptionalBoolean("required") ?? true)
            {
                Min = min,
                Max = max,
                Values = values,
                Unit = x.OptionalText("unit"),
            });
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<InputConstraint> ReadConstraints(DefinitionObject o, ImmutableArray<InputDefinition> inputs)
    {
        var result = ImmutableArray.CreateBuilder<InputConstraint>();
        var list = o.OptionalArray("constraints");
        for (var i = 0; i < list.Count; i++)
        {
            var c = DefinitionObject.Of(o.Source, list[i], $"{o.At("constraints")}[{i}]", "rule", "input", "other", "third");
            var kind = c.Text("rule");
            if (!ConstraintKinds.Contains(kind))
            {
                throw c.Error("rule", $"'{kind}' is not one of {string.Join(", ", ConstraintKinds)}");
            }

            var (inputKinds, otherKinds) = kind switch
            {
                "atMost" => ("integer or amount", "integer or amount"),
                "notBefore" => ("date", "date"),
                _ => ("integer or amount", "date"),
            };
            var input = Operand(c, "input", inputs, inputKinds);
            var other = Operand(c, "other", inputs, otherKinds);
            string? third = null;
            if (kind == "daysBetween")
            {
                third = Operand(c, "third", inputs, "date");
            }
            else if (c.Has("third"))
            {
                throw c.Error("third", $"only a daysBetween rule has a third input, not {kind}");
            }

            result.Add(new InputConstraint(kind, input, other, third));
        }

        return result.ToImmutable();
    }

    private static string Operand(DefinitionObject c, string key, ImmutableArray<InputDefinition> inputs, string kinds)
    {
        var name = c.Text(key);
        var input = inputs.FirstOrDefault(x => x.Name == name) ?? throw c.Error(key, $"'{name}' is not an input of this service");
        var fits = kinds == "date" ? input.Kind == InputKind.Date : input.Kind is InputKind.Integer or InputKind.Amount;
        return fits ? name : throw c.Error(key, $"'{name}' is {input.Kind.ToString().ToLowerInvariant()}; this rule needs {kinds}");
    }
}
