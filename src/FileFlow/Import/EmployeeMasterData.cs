using System.Collections.Immutable;
using FileFlow.Organisation;

namespace FileFlow.Import;

/// <summary>An organisation read from an Employee Master Data file: offices with their sections, posts, officers and who held which post when.</summary>
/// <remarks>Immutable; <see cref="EmployeeMasterDataImporter"/> makes one only from a file that passed every check.</remarks>
public sealed record EmployeeMasterData
{
    /// <summary>Gets the offices, each with its section codes.</summary>
    public required ImmutableArray<Office> Offices { get; init; }

    /// <summary>Gets the posts with their reporting lines, roles and sections.</summary>
    public required ImmutableArray<Post> Posts { get; init; }

    /// <summary>Gets the officers: name, clearance and whether an administrator; no other personal identifier.</summary>
    public required ImmutableArray<Officer> Officers { get; init; }

    /// <summary>Gets who held which post from when until when.</summary>
    public required ImmutableArray<Assignment> Assignments { get; init; }

    /// <summary>Builds the organisation chart, with <paramref name="delegations"/> (kept from elsewhere: the file carries none).</summary>
    /// <exception cref="InvalidOrganisationException">A delegation names a post the file does not have.</exception>
    public OrganisationChart ToChart(IEnumerable<Delegation>? delegations = null)
    {
        var builder = OrganisationChart.CreateBuilder();
        foreach (var office in Offices)
        {
            builder.AddOffice(office);
        }

        foreach (var post in Posts)
        {
            builder.AddPost(post);
        }

        foreach (var officer in Officers)
        {
            builder.AddOfficer(officer);
        }

        foreach (var a in Assignments)
        {
            builder.Assign(a.Officer, a.Post, a.From, a.Until);
        }

        foreach (var d in delegations ?? [])
        {
            builder.Delegate(d);
        }

        return builder.Build();
    }
}
