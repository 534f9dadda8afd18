using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FileFlow.Records;

namespace FileFlow.Services;

/// <summary>Reads a service definition from JSON, checking every field and naming the JSON path of the first problem.</summary>
internal static class ServiceDefinitionReader
{
    private static readonly string[] ConstraintKinds = ["atMost", "notBefore", "daysBetween"];

    public static ServiceDefinition Read(string source, JsonNode? root)
    {
        var o = Object(source, root, "$");
        var id = Text(source, o, "$", "id");
        var route = Object(source, o["route"], "$.route");
        var steps = Array(source, route["steps"], "$.route.steps").Select((n, i) => Text(source, n, $"$.route.steps[{i}]")).ToImmutableArray();
        if (steps.Length == 0)
        {
            throw new ServiceDefinitionException(source, "$.route.steps", "a route needs at least one step");
        }

        for (var i = 0; i < steps.Length; i++)
        {
            var first = steps.IndexOf(steps[i]);
            if (first != i)
            {
                throw new ServiceDefinitionException(source, $"$.route.steps[{i}]", $"role '{steps[i]}' already appears at step {first}: the route has a cycle");
            }
        }

        var authority = Text(source, route, "$.route", "authority");
        if (!steps.Contains(authority))
        {
            throw new ServiceDefinitionException(source, "$.route.authority", $"the sanctioning role '{authority}' is not one of the route's steps, so no file can reach it (unreachable sanction step)");
        }

        var inputs = ReadInputs(source, o);
        var thresholds = ImmutableArray.CreateBuilder<Threshold>();
        if (route["thresholds"] is { } thresholdNode)
        {
            var list = Array(source, thresholdNode, "$.route.thresholds");
            for (var i = 0; i < list.Count; i++)
            {
                var path = $"$.route.thresholds[{i}]";
                var t = Object(source, list[i], path);
                var input = Text(source, t, path, "input");
                if (!inputs.Any(x => x.Name == input && x.Kind is InputKind.Integer or InputKind.Amount))
                {
                    throw new ServiceDefinitionException(source, path + ".input", $"'{input}' is not a numeric input of this service");
                }

                if (t["unit"] is null || t["unit"]!.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(t["unit"]!.GetValue<string>()))
                {
                    throw new ServiceDefinitionException(source, path + ".unit", "a threshold needs a unit (for example \"INR\" or \"days\")");
                }

                var unit = t["unit"]!.GetValue<string>();
                var declared = inputs.First(x => x.Name == input).Unit;
                if (declared is not null && declared != unit)
                {
                    throw new ServiceDefinitionException(source, path + ".unit", $"unit '{unit}' differs from input '{input}''s unit '{declared}'");
                }

                var who = Text(source, t, path, "authority");
                if (!steps.Contains(who))
                {
                    throw new ServiceDefinitionException(source, path + ".authority", $"role '{who}' is not one of the route's steps (unreachable sanction step)");
                }

                if (steps.IndexOf(who) <= steps.IndexOf(thresholds.Count > 0 ? thresholds[^1].Authority : authority))
                {
                    throw new ServiceDefinitionException(source, path + ".authority", $"role '{who}' must be higher in the route than the authority below this threshold");
                }

                var above = Number(source, t, path, "above");
                if (thresholds.Count > 0 && above <= thresholds[^1].Above)
                {
                    throw new ServiceDefinitionException(source, path + ".above", "thresholds must rise in order");
                }

                thresholds.Add(new Threshold(input, above, unit, who));
            }
        }

        var limitPath = "$.timeLimit";
        var limit = Object(source, o["timeLimit"], limitPath);
        var days = (int)Number(source, limit, limitPath, "days");
        if (days <= 0)
        {
            throw new ServiceDefinitionException(source, limitPath + ".days", "the stipulated time must be at least one day");
        }

        var kind = limit["count"]?.GetValue<string>() ?? "calendar";
        if (kind is not ("calendar" or "working"))
        {
            throw new ServiceDefinitionException(source, limitPath + ".count", $"'{kind}' is neither \"calendar\" nor \"working\"");
        }

        var share = limit["atRiskShare"] is null ? 0.75 : (double)Number(source, limit, limitPath, "atRiskShare");
        if (share is <= 0 or >= 1)
        {
            throw new ServiceDefinitionException(source, limitPath + ".atRiskShare", "must be between 0 and 1");
        }

        var appeals = Object(source, o["appeals"], "$.appeals");
        var penalty = Object(source, o["penalty"], "$.penalty");
        var names = Object(source, o["name"], "$.name");
        var origin = Text(source, o, "$", "origin");
        if (origin is not ("order" or "default"))
        {
            throw new ServiceDefinitionException(source, "$.origin", "must be \"order\" (named in the 2018 UP order) or \"default\"");
        }

        var constraints = ReadConstraints(source, o, inputs);
        return new ServiceDefinition
        {
            Id = id,
            Version = o["version"] is null ? 1 : (int)Number(source, o, "$", "version"),
            NameEnglish = Text(source, names, "$.name", "en"),
            NameHindi = Text(source, names, "$.name", "hi"),
            Origin = origin,
            TimeLimit = new TimeLimit(days, kind == "working", share, Text(source, limit, limitPath, "source")),
            Inputs = inputs,
            Constraints = constraints,
            Route = new RouteDefinition(steps, authority) { Thresholds = thresholds.ToImmutable() },
            Appeals = new AppellateChain(
                Text(source, appeals, "$.appeals", "designated"),
                Text(source, appeals, "$.appeals", "firstAppellate"),
                Text(source, appeals, "$.appeals", "secondAppellate"),
                (int)Number(source, appeals, "$.appeals", "firstAppealWindowDays"),
                (int)Number(source, appeals, "$.appeals", "firstAppealDecisionDays"),
                (int)Number(source, appeals, "$.appeals", "secondAppealWindowDays"),
                (int)Number(source, appeals, "$.appeals", "secondAppealDecisionDays"))
            {
                OnEscalation = ReadEscalationPowers(source, appeals),
            },
            Penalty = new PenaltyRule(Number(source, penalty, "$.penalty", "perDay"), Number(source, penalty, "$.penalty", "cap"), Text(source, penalty, "$.penalty", "source")),
            Digest = Hash256.Compute(Encoding.UTF8.GetBytes(Canonical(o))),
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

    private static ImmutableArray<InputDefinition> ReadInputs(string source, JsonObject o)
    {
        var result = ImmutableArray.CreateBuilder<InputDefinition>();
        if (o["inputs"] is not { } node)
        {
            return result.ToImmutable();
        }

        var list = Array(source, node, "$.inputs");
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.inputs[{i}]";
            var x = Object(source, list[i], path);
            var name = Text(source, x, path, "name");
            if (result.Any(r => r.Name == name))
            {
                throw new ServiceDefinitionException(source, path + ".name", $"input '{name}' is defined twice");
            }

            var typeText = Text(source, x, path, "type");
            if (!Enum.TryParse<InputKind>(typeText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                throw new ServiceDefinitionException(source, path + ".type", $"'{typeText}' is not one of text, integer, amount, date, month, choice");
            }

            var values = x["values"] is { } v ? Array(source, v, path + ".values").Select((n, j) => Text(source, n, $"{path}.values[{j}]")).ToImmutableArray() : [];
            if (kind == InputKind.Choice && values.Length == 0)
            {
                throw new ServiceDefinitionException(source, path + ".values", "a choice needs its allowed values");
            }

            result.Add(new InputDefinition(name, kind, x["required"]?.GetValue<bool>() ?? true)
            {
                Min = x["min"] is null ? null : Number(source, x, path, "min"),
                Max = x["max"] is null ? null : Number(source, x, path, "max"),
                Values = values,
                Unit = x["unit"]?.GetValue<string>(),
            });
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<InputConstraint> ReadConstraints(string source, JsonObject o, ImmutableArray<InputDefinition> inputs)
    {
        var result = ImmutableArray.CreateBuilder<InputConstraint>();
        if (o["constraints"] is not { } node)
        {
            return result.ToImmutable();
        }

        var list = Array(source, node, "$.constraints");
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.constraints[{i}]";
            var c = Object(source, list[i], path);
            var kind = Text(source, c, path, "rule");
            if (!ConstraintKinds.Contains(kind))
            {
                throw new ServiceDefinitionException(source, path + ".rule", $"'{kind}' is not one of {string.Join(", ", ConstraintKinds)}");
            }

            var names = new[] { "input", "other", "third" };
            foreach (var key in names)
            {
                if (c[key] is { } n && !inputs.Any(x => x.Name == n.GetValue<string>()))
                {
                    throw new ServiceDefinitionException(source, $"{path}.{key}", $"'{n.GetValue<string>()}' is not an input of this service");
                }
            }

            result.Add(new InputConstraint(kind, Text(source, c, path, "input"), Text(source, c, path, "other"), c["third"]?.GetValue<string>()));
        }

        return result.ToImmutable();
    }

    private static EscalationPowers ReadEscalationPowers(string source, JsonObject appeals)
    {
        if (appeals["onEscalation"] is not { } node)
        {
            return EscalationPowers.All;
        }

        var powers = EscalationPowers.None;
        var list = Array(source, node, "$.appeals.onEscalation");
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.appeals.onEscalation[{i}]";
            powers |= Text(source, list[i], path) switch
            {
                "orderDelivery" => EscalationPowers.OrderDelivery,
                "decideWithinPowers" => EscalationPowers.DecideWithinPowers,
                "sendUp" => EscalationPowers.SendUp,
                var other => throw new ServiceDefinitionException(source, path, $"'{other}' is not one of orderDelivery, decideWithinPowers, sendUp"),
            };
        }

        return powers;
    }

    private static JsonObject Object(string source, JsonNode? node, string path) =>
        node as JsonObject ?? throw new ServiceDefinitionException(source, path, node is null ? "is missing" : "must be an object");

    private static JsonArray Array(string source, JsonNode? node, string path) =>
        node as JsonArray ?? throw new ServiceDefinitionException(source, path, node is null ? "is missing" : "must be an array");

    private static string Text(string source, JsonObject o, string path, string key) => Text(source, o[key], $"{path}.{key}");

    private static string Text(string source, JsonNode? node, string path) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s
            ? s
            : throw new ServiceDefinitionException(source, path, node is null ? "is missing" : "must be a non-empty string");

    private static decimal Number(string source, JsonObject o, string path, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : throw new ServiceDefinitionException(source, $"{path}.{key}", o[key] is null ? "is missing" : "must be a number");
}
