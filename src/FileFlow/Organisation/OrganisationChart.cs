using System.Collections.Frozen;
using System.Collections.Immutable;

namespace FileFlow.Organisation;

/// <summary>The organisation as data: offices, posts, officers, who holds which post when, and who acts for whom while a holder is away.</summary>
/// <remarks>Immutable and thread-safe; build one with <see cref="CreateBuilder"/>. Routing is by post; this chart answers who may act for a post at a time.</remarks>
public sealed class OrganisationChart
{
    private readonly FrozenDictionary<OfficeId, Office> offices;
    private readonly FrozenDictionary<PostId, Post> posts;
    private readonly FrozenDictionary<OfficerId, Officer> officers;
    private readonly FrozenDictionary<PostId, ImmutableArray<Assignment>> assignmentsByPost;
    private readonly FrozenDictionary<OfficerId, ImmutableArray<Assignment>> assignmentsByOfficer;
    private readonly FrozenDictionary<PostId, ImmutableArray<Delegation>> delegationsByPost;

    internal OrganisationChart(
        IEnumerable<Office> offices,
        IEnumerable<Post> posts,
        IEnumerable<Officer> officers,
        IEnumerable<Assignment> assignments,
        IEnumerable<Delegation> delegations)
    {
        this.offices = offices.ToFrozenDictionary(o => o.Id);
        this.posts = posts.ToFrozenDictionary(p => p.Id);
        this.officers = officers.ToFrozenDictionary(o => o.Id);
        var assignmentList = assignments.ToList();
        assignmentsByPost = assignmentList.GroupBy(a => a.Post).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
        assignmentsByOfficer = assignmentList.GroupBy(a => a.Officer).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
        delegationsByPost = delegations.GroupBy(d => d.From).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
    }

    /// <summary>Gets an empty chart.</summary>
    public static OrganisationChart Empty { get; } = new([], [], [], [], []);

    /// <summary>Gets the offices.</summary>
    public IEnumerable<Office> Offices => offices.Values;

    /// <summary>Gets the posts.</summary>
    public IEnumerable<Post> Posts => posts.Values;

    /// <summary>Gets the officers.</summary>
    public IEnumerable<Officer> Officers => officers.Values;

    /// <summary>Creates a builder for a new chart.</summary>
    public static OrganisationChartBuilder CreateBuilder() => new();

    /// <summary>Returns whether the post exists.</summary>
    public bool ContainsPost(PostId post) => posts.ContainsKey(post);

    /// <summary>Returns whether the officer exists.</summary>
    public bool ContainsOfficer(OfficerId officer) => officers.ContainsKey(officer);

    /// <summary>Gets a post.</summary>
    /// <exception cref="UnknownPostException">No such post.</exception>
    public Post GetPost(PostId post) =>
        posts.TryGetValue(post, out var p) ? p : throw new UnknownPostException(post);

    /// <summary>Gets an officer.</summary>
    /// <exception cref="UnknownOfficerException">No such officer.</exception>
    public Officer GetOfficer(OfficerId officer) =>
        officers.TryGetValue(officer, out var o) ? o : throw new UnknownOfficerException(officer);

    /// <summary>Gets an office.</summary>
    /// <exception cref="KeyNotFoundException">No such office.</exception>
    public Office GetOffice(OfficeId office) =>
        offices.TryGetValue(office, out var o) ? o : throw new KeyNotFoundException($"Office '{office}' is not in the organisation chart.");

    /// <summary>Returns the officers holding <paramref name="post"/> at <paramref name="at"/> (usually one).</summary>
    public IEnumerable<OfficerId> HoldersOf(PostId post, DateTimeOffset at) =>
        assignmentsByPost.TryGetValue(post, out var list)
            ? list.Where(a => a.IsInForceAt(at)).Select(a => a.Officer)
            : [];

    /// <summary>Returns the posts <paramref name="officer"/> holds at <paramref name="at"/>.</summary>
    public IEnumerable<PostId> PostsOf(OfficerId officer, DateTimeOffset at) =>
        assignmentsByOfficer.TryGetValue(officer, out var list)
            ? list.Where(a => a.IsInForceAt(at)).Select(a => a.Post)
            : [];

    /// <summary>Returns whether <paramref name="officer"/> holds <paramref name="post"/> at <paramref name="at"/>.</summary>
    public bool Holds(OfficerId officer, PostId post, DateTimeOffset at)
    {
        if (!assignmentsByOfficer.TryGetValue(officer, out var list))
        {
            return false;
        }

        foreach (var a in list)
        {
            if (a.Post == post && a.IsInForceAt(at))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the post acting for <paramref name="post"/> at <paramref name="at"/> because of a delegation, or <see langword="null"/> when none is in force.</summary>
    public PostId? DelegateOf(PostId post, DateTimeOffset at)
    {
        if (delegationsByPost.TryGetValue(post, out var list))
        {
            foreach (var d in list)
            {
                if (d.IsInForceAt(at))
                {
                    return d.To;
                }
            }
        }

        return null;
    }

    /// <summary>Returns the posts whose documents <paramref name="officer"/> sees at <paramref name="at"/>: those they hold, and those whose holder is away under a
    /// delegation to one of them.</summary>
    /// <remarks>A holder on leave still sees their post's documents; whether they may act is <see cref="CapacityFor"/>'s answer (not while the charge is delegated, unless concurrent).</remarks>
    public IReadOnlyList<(PostId Post, ActingCapacity Capacity)> PostsActingFor(OfficerId officer, DateTimeOffset at)
    {
        var held = PostsOf(officer, at).ToList();
        var result = held.Select(p => (p, ActingCapacity.Holder)).ToList();
        foreach (var (from, list) in delegationsByPost)
        {
            if (list.Any(d => d.IsInForceAt(at) && held.Contains(d.To)) && !held.Contains(from))
            {
                result.Add((from, ActingCapacity.Delegate));
            }
        }

        return result;
    }

    /// <summary>Decides in what capacity <paramref name="officer"/> may act for <paramref name="post"/> at <paramref name="at"/>: as its holder, as a delegate, or not at all.</summary>
    /// <remarks>While a delegation of the post is in force its holder does not act for it (the delegate is in charge), unless the delegation is concurrent.</remarks>
    public ActingCapacity CapacityFor(OfficerId officer, PostId post, DateTimeOffset at)
    {
        if (Holds(officer, post, at) && !ChargeDelegatedAway(post, at))
        {
            return ActingCapacity.Holder;
        }

        var delegatePost = DelegateOf(post, at);
        return delegatePost is { } d && Holds(officer, d, at) ? ActingCapacity.Delegate : ActingCapacity.None;
    }

    /// <summary>Returns whether anyone is in charge of <paramref name="post"/> at <paramref name="at"/>: a holder not relieved by a delegation, or a holder of the post acting for it.</summary>
    public bool IsStaffed(PostId post, DateTimeOffset at)
    {
        if (!ChargeDelegatedAway(post, at) && HoldersOf(post, at).Any())
        {
            return true;
        }

        return DelegateOf(post, at) is { } d && HoldersOf(d, at).Any();
    }

    // A delegation in force hands the post's charge to the delegate; a concurrent one leaves the holder acting beside them.
    private bool ChargeDelegatedAway(PostId post, DateTimeOffset at) =>
        delegationsByPost.TryGetValue(post, out var list) && list.Any(d => d.IsInForceAt(at) && !d.Concurrent);

    /// <summary>Returns whether any post has <paramref name="role"/>.</summary>
    public bool HasRole(string role) => posts.Values.Any(p => p.Role == role);

    /// <summary>Finds the post with <paramref name="role"/> that serves <paramref name="from"/>: the post itself, the nearest up its reporting chain, else one in its office, else the only one in the chart.</summary>
    /// <returns>The post, or <see langword="null"/> when none (or several equally near) has the role.</returns>
    /// <exception cref="UnknownPostException"><paramref name="from"/> is not in the chart.</exception>
    public Post? ResolveRole(string role, PostId from)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        var start = GetPost(from);
        if (start.Role == role)
        {
            return start;
        }

        if (ChainAbove(from).FirstOrDefault(p => p.Role == role) is { } above)
        {
            return above;
        }

        var inOffice = posts.Values.Where(p => p.Role == role && p.Office == start.Office).Take(2).ToList();
        if (inOffice.Count == 1)
        {
            return inOffice[0];
        }

        var anywhere = posts.Values.Where(p => p.Role == role).Take(2).ToList();
        return inOffice.Count == 0 && anywhere.Count == 1 ? anywhere[0] : null;
    }

    /// <summary>Returns the reporting chain above <paramref name="post"/>, nearest first.</summary>
    /// <exception cref="UnknownPostException">The post is not in the chart.</exception>
    public IEnumerable<Post> ChainAbove(PostId post)
    {
        var current = GetPost(post);
        var seen = new HashSet<PostId> { post };
        while (current.ReportsTo is { } next && seen.Add(next))
        {
            current = GetPost(next);
            yield return current;
        }
    }
}
