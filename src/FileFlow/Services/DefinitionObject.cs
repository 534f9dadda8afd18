using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FileFlow.Services;

/// <summary>One JSON object of a service definition, read strictly: only the keys it declares, each of the type asked, every problem a
/// <see cref="ServiceDefinitionException"/> naming the JSON path (never a raw JSON or overflow exception).</summary>
internal sealed class DefinitionObject
{
    private readonly JsonObject node;

    private DefinitionObject(string source, JsonObject node, string path)
    {
        Source = source;
        this.node = node;
        Path = path;
    }

    public string Source { get; }

    public string Path { get; }

    /// <summary>Reads <paramref name="value"/> as an object whose keys are all among <paramref name="keys"/>.</summary>
    public static DefinitionObject Of(string source, JsonNode? value, string path, params string[] keys)
    {
        var o = value as JsonObject ?? throw new ServiceDefinitionException(source, path, value is null ? "is missing" : "must be an object");
        foreach (var (key, _) in o)
        {
            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                throw new ServiceDefinitionException(source, $"{path}.{key}", $"unknown key '{key}'{Suggestion(key, keys)}; the keys here are {string.Join(", ", keys)}");
            }
        }

        return new DefinitionObject(source, o, path);
    }

    public JsonObject Json => node;

    public bool Has(string key) => node[key] is not null;

    public DefinitionObject Object(string key, params string[] keys) => Of(Source, node[key], At(key), keys);

    public string At(string key) => $"{Path}.{key}";

    public IList<JsonNode?> Array(string key) =>
        node[key] as JsonArray ?? throw Error(key, node[key] is null ? "is missing" : "must be an array");

    public IList<JsonNode?> OptionalArray(string key) => Has(key) ? Array(key) : [];

    public string Text(string key) => Text(Source, node[key], At(key));

    public string? OptionalText(string key) => Has(key) ? Text(key) : null;

    public static string Text(string source, JsonNode? value, string path) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { } s && !string.IsNullOrWhiteSpace(s)
            ? s
            : throw new ServiceDefinitionException(source, path, value is null ? "is missing" : "must be a non-empty string");

    public bool? OptionalBoolean(string key) => node[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw Error(key, "must be true or false"),
    };

    /// <summary>Reads a number no smaller than <paramref name="min"/>.</summary>
    public decimal Number(string key, decimal min = decimal.MinValue)
    {
        if (node[key] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            throw Error(key, node[key] is null ? "is missing" : "must be a number");
        }

        if (!decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(key, $"{v.ToJsonString()} is out of range");
        }

        return value >= min ? value : throw Error(key, $"must be at least {min.ToString(CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}");
    }

    public decimal? OptionalNumber(string key, decimal min = decimal.MinValue) => Has(key) ? Number(key, min) : null;

    /// <summary>Reads a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int Whole(string key, int min, int max = 36_500)
    {
        var value = Number(key);
        if (value != decimal.Truncate(value))
        {
            throw Error(key, $"must be a whole number, not {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return value >= min && value <= max
            ? (int)value
            : throw Error(key, $"must be from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}");
    }

    public ServiceDefinitionException Error(string key, string problem) => new(Source, At(key), problem);

    private static string Suggestion(string key, string[] keys)
    {
        var best = keys.Select(k => (Key: k, Distance: Distance(key.ToUpperInvariant(), k.ToUpperInvariant()))).OrderBy(p => p.Distance).FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(1, best.Key.Length / 4) ? $" (did you mean '{best.Key}'?)" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
