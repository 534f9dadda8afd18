using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Cli.Simulation;

/// <summary>The organisation chart as JSON: what <c>simulate</c> writes next to the store (<c>&lt;db&gt;.org.json</c>) and <c>verify</c> reads back.</summary>
internal sealed record OrganisationFile
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public required List<OfficeEntry> Offices { get; init; }

    public required List<PostEntry> Posts { get; init; }

    public required List<OfficerEntry> Officers { get; init; }

    public required List<AssignmentEntry> Assignments { get; init; }

    public required List<DelegationEntry> Delegations { get; init; }

    public static OrganisationFile Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<OrganisationFile>(stream, Json) ?? throw new Infrastructure.CliException($"'{path}' is empty");
        }
        catch (JsonException e)
        {
            throw new Infrastructure.CliException($"'{path}' is not an organisation file: {e.Message}");
        }
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, Json);
    }

    /// <summary>Serialises the organisation as <see cref="Save"/> writes it.</summary>
    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Returns the same organisation in one order (every list by identifier, times in UTC), so two files that say the same compare equal.</summary>
    public OrganisationFile Normalised() => new()
    {
        Offices = [.. Offices.OrderBy(o => o.Id, StringComparer.Ordinal)],
        Posts = [.. Posts.OrderBy(p => p.Id, StringComparer.Ordinal)],
        Officers = [.. Officers.Select(o => o with { Clearance = o.Clearance is null or SecurityGrading.Normal ? null : o.Clearance, Administrator = o.Administrator is true ? true : null })
            .OrderBy(o => o.Id, StringComparer.Ordinal)],
        Assignments = [.. Assignments.Select(a => new AssignmentEntry(a.Officer, a.Post, a.From.ToUniversalTime(), a.Until?.ToUniversalTime()))
            .OrderBy(a => a.Officer, StringComparer.Ordinal).ThenBy(a => a.From).ThenBy(a => a.Post, StringComparer.Ordinal)],
        Delegations = [.. Delegations.Select(d => new DelegationEntry(d.From, d.To, d.Start.ToUniversalTime(), d.End.ToUniversalTime(), d.Concurrent is true ? true : null))
            .OrderBy(d => d.From, StringComparer.Ordinal).ThenBy(d => d.Start)],
    };

    /// <summary>The organisation an Employee Master Data import describes, with <paramref name="delegations"/> kept from the file it replaces.</summary>
    public static OrganisationFile FromEmployeeMasterData(FileFlow.Import.EmployeeMasterData data, List<DelegationEntry> delegations) => new OrganisationFile
    {
        Offices = [.. data.Offices.Select(o => new OfficeEntry(o.Id.Value, o.Name, o.Sections))],
        Posts = [.. data.Posts.Select(p => new PostEntry(p.Id.Value, p.Designation, p.Level, p.Office.Value, p.Section, p.Role, p.ReportsTo?.Value))],
        Officers = [.. data.Officers.Select(o => new OfficerEntry(o.Id.Value, o.Name, o.Clearance, o.IsAdministrator))],
        Assignments = [.. data.Assignments.Select(a => new AssignmentEntry(a.Officer.Value, a.Post.Value, a.From, a.Until))],
        Delegations = delegations,
    }.Normalised();

    public OrganisationChart ToChart()
    {
        var builder = OrganisationChart.CreateBuilder();
        foreach (var o in Offices)
        {
            builder.AddOffice(new Office(new OfficeId(o.Id), o.Name) { Sections = [.. o.Sections] });
        }

        foreach (var p in Posts)
        {
            builder.AddPost(new Post(new PostId(p.Id), p.Designation, p.Level, new OfficeId(p.Office))
            {
                Section = p.Section,
                Role = p.Role,
                ReportsTo = p.ReportsTo is null ? null : new PostId(p.ReportsTo),
            });
        }

        foreach (var o in Officers)
        {
            builder.AddOfficer(new Officer(new OfficerId(o.Id), o.Name) { Clearance = o.Clearance ?? SecurityGrading.Normal, IsAdministrator = o.Administrator ?? false });
        }

        foreach (var a in Assignments)
        {
            builder.Assign(new OfficerId(a.Officer), new PostId(a.Post), a.From, a.Until);
        }

        foreach (var d in Delegations)
        {
            builder.Delegate(new Delegation(new PostId(d.From), new PostId(d.To), d.Start, d.End) { Concurrent = d.Concurrent ?? false });
        }

        return builder.Build();
    }

    internal sealed record OfficeEntry(string Id, string Name, ImmutableArray<string> Sections);

    internal sealed record PostEntry(string Id, string Designation, int Level, string Office, string? Section, string? Role, string? ReportsTo);

    /// <summary>An officer; <paramref name="Clearance"/> (the highest grading they may see) is Normal and <paramref name="Administrator"/> false when left out.</summary>
    internal sealed record OfficerEntry(string Id, string Name, SecurityGrading? Clearance = null, bool? Administrator = null);

    internal sealed record AssignmentEntry(string Officer, string Post, DateTimeOffset From, DateTimeOffset? Until);

    /// <summary>A delegation of a post's charge; <paramref name="Concurrent"/> (the holder keeps acting beside the delegate) is false when left out.</summary>
    internal sealed record DelegationEntry(string From, string To, DateTimeOffset Start, DateTimeOffset End, bool? Concurrent = null);
}
