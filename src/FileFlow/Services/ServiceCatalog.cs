using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using FileFlow.Organisation;

namespace FileFlow.Services;

/// <summary>The service definitions a department runs, every version of each; files keep the version they were opened under.</summary>
/// <remarks>
/// Immutable and thread-safe. <see cref="LoadDefaults"/> gives the ten service-guarantee employee services shipped as JSON data;
/// <see cref="WithOverrides(string, string)"/> changes any figure without code (a JSON merge patch per service), adding a new version.
/// Every load is all or nothing: an invalid definition throws <see cref="ServiceDefinitionException"/> and the catalogue is unchanged.
/// </remarks>
public sealed class ServiceCatalog
{
    private readonly FrozenDictionary<string, ImmutableArray<ServiceDefinition>> versions;
    private readonly FrozenDictionary<string, JsonObject> latestJson;

    private ServiceCatalog(Dictionary<string, ImmutableArray<ServiceDefinition>> versions, Dictionary<string, JsonObject> latestJson)
    {
        this.versions = versions.ToFrozenDictionary(StringComparer.Ordinal);
        this.latestJson = latestJson.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets an empty catalogue.</summary>
    public static ServiceCatalog Empty { get; } = new([], []);

    /// <summary>Gets the latest version of every service, ordered by identifier.</summary>
    public IReadOnlyList<ServiceDefinition> Services => versions.Values.Select(v => v[^1]).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>Loads the ten built-in service definitions (the eight named in the UP order of 25 June 2018 and two defaults).</summary>
    public static ServiceCatalog LoadDefaults() => Empty.With(Embedded(".Services.Definitions."));

    /// <summary>Returns this catalogue with the Right to Information Act 2005 process added: <c>rti-information</c> (30 days, s.7(1)),
    /// <c>rti-life-liberty</c> (48 hours, proviso to s.7(1)) and <c>rti-transfer</c> (5 days, s.6(3)), each with the first appeal (s.19(1), 19(6)),
    /// the second appeal to the Information Commission (s.19(3)) and the s.20(1) penalty.</summary>
    /// <remarks>Their roles are <c>public-information-officer</c>, <c>first-appellate-authority</c> and <c>information-commission</c>; the organisation must
    /// have posts with them (see <see cref="ValidateAgainst"/>).</remarks>
    public ServiceCatalog WithRightToInformation() => With(Embedded(".Services.RightToInformation."));

    private static IEnumerable<(string Source, string Json)> Embedded(string folder)
    {
        var assembly = typeof(ServiceCatalog).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(folder, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[(n.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..], reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Returns a catalogue with these definitions added (as new versions of existing services, or new services).</summary>
    /// <param name="sources">Pairs of (source name for messages, JSON text of one definition).</param>
    /// <exception cref="ServiceDefinitionException">A definition is invalid; the message names the source and JSON path.</exception>
    public ServiceCatalog With(IEnumerable<(string Source, string Json)> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var next = versions.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var json = latestJson.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (source, text) in sources)
        {
            var node = Parse(source, text);
            Add(next, json, source, node);
        }

        return new ServiceCatalog(next, json);
    }

    /// <summary>Loads every <c>*.json</c> definition in a folder on top of this catalogue.</summary>
    /// <exception cref="ServiceDefinitionException">A definition is invalid.</exception>
    public ServiceCatalog WithDirectory(string path) =>
        With(Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))));

    /// <summary>Applies overrides — a JSON object mapping service ids to JSON merge patches (RFC 7386) — each giving a new version.</summary>
    /// <remarks>The patched definition is read as strictly as a whole one: an unknown or misspelt key, a negative penalty or window, a value of the
    /// wrong type or out of range is refused, and the error's path is where the value sits in the overrides (<c>$.gpf.penalty.perDay</c>).
    /// A patch cannot change a service's <c>id</c>: a different service is loaded whole, with <see cref="With"/>.</remarks>
    /// <example><c>{ "gpf": { "timeLimit": { "days": 10 }, "penalty": { "perDay": 500 } } }</c></example>
    /// <exception cref="ServiceDefinitionException">A patch names an unknown service or produces an invalid definition; the catalogue is unchanged.</exception>
    public ServiceCatalog WithOverrides(string source, string overridesJson)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(overridesJson);
        var root = Parse(source, overridesJson) as JsonObject ?? throw new ServiceDefinitionException(source, "$", "overrides must be a JSON object keyed by service id");
        var next = versions.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var json = latestJson.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (id, patch) in root)
        {
            var path = $"$.{id}";
            if (!json.TryGetValue(id, out var current))
            {
                throw new ServiceDefinitionException(source, path, $"there is no service '{id}' to override");
            }

            if (patch is not JsonObject p)
            {
                throw new ServiceDefinitionException(source, path, "must be an object: a JSON merge patch of the service's definition");
            }

            if (p.ContainsKey("id") && !(p["id"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == id))
            {
                throw new ServiceDefinitionException(source, path + ".id", $"a patch cannot change the id of '{id}'; load another service whole instead of copying this one");
            }

            var merged = (JsonObject)MergePatch(current.DeepClone(), p)!;
            if (!p.ContainsKey("version"))
            {
                merged["version"] = next[id][^1].Version + 1;
            }

            Add(next, json, source, merged, path);
        }

        return new ServiceCatalog(next, json);
    }

    /// <summary>Gets the latest version of a service.</summary>
    /// <exception cref="UnknownServiceException">No such service.</exception>
    public ServiceDefinition Get(string serviceId) =>
        versions.TryGetValue(serviceId, out var list) ? list[^1] : throw new UnknownServiceException(serviceId);

    /// <summary>Gets one version of a service.</summary>
    /// <exception cref="UnknownServiceException">No such service or version.</exception>
    public ServiceDefinition Get(string serviceId, int version) =>
        versions.TryGetValue(serviceId, out var list) && list.FirstOrDefault(d => d.Version == version) is { } d
            ? d
            : throw new UnknownServiceException(serviceId, version);

    /// <summary>Returns whether the catalogue holds a service.</summary>
    public bool Contains(string serviceId) => versions.ContainsKey(serviceId);

    /// <summary>Checks that every role the latest definitions name (route steps, authorities, appellate chain) is held by some post in the chart.</summary>
    /// <exception cref="ServiceDefinitionException">A role names no post; the path says where.</exception>
    public void ValidateAgainst(OrganisationChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        foreach (var s in Services)
        {
            var roles = s.Route.Steps.Select((r, i) => (r, $"$.route.steps[{i}]"))
                .Append((s.Appeals.Designated, "$.appeals.designated"))
                .Append((s.Appeals.FirstAppellate, "$.appeals.firstAppellate"))
                .Append((s.Appeals.SecondAppellate, "$.appeals.secondAppellate"));
            foreach (var (role, path) in roles)
            {
                if (!chart.HasRole(role))
                {
                    throw new ServiceDefinitionException(s.Id, path, $"unknown post: no post in the organisation has role '{role}'");
                }
            }
        }
    }

    private static void Add(Dictionary<string, ImmutableArray<ServiceDefinition>> next, Dictionary<string, JsonObject> json, string source, JsonNode node, string path = "$")
    {
        var definition = ServiceDefinitionReader.Read(source, node, path);
        if (next.TryGetValue(definition.Id, out var existing))
        {
            if (existing.Any(d => d.Version == definition.Version && d.Digest != definition.Digest))
            {
                throw new ServiceDefinitionException(source, path + ".version", $"version {definition.Version} of '{definition.Id}' already exists with other content; give the change a new version");
            }

            if (existing.Any(d => d.Version == definition.Version))
            {
                return;
            }

            if (definition.Version < existing[^1].Version)
            {
                throw new ServiceDefinitionException(source, path + ".version", $"version {definition.Version} is older than the loaded version {existing[^1].Version}");
            }

            next[definition.Id] = existing.Add(definition);
        }
        else
        {
            next[definition.Id] = [definition];
        }

        json[definition.Id] = (JsonObject)node;
    }

    private static JsonNode Parse(string source, string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false })
                ?? throw new ServiceDefinitionException(source, "$", "is empty");
        }
        catch (JsonException e)
        {
            throw new ServiceDefinitionException(source, $"$ (line {e.LineNumber + 1})", "is not valid JSON: " + e.Message);
        }
    }

    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p)
        {
            return patch?.DeepClone();
        }

        var t = target as JsonObject ?? [];
        foreach (var (key, value) in p)
        {
            if (value is null)
            {
                t.Remove(key);
            }
            else
            {
                var existing = t[key];
                t.Remove(key);
                t[key] = MergePatch(existing?.DeepClone(), value);
            }
        }

        return t;
    }
}
