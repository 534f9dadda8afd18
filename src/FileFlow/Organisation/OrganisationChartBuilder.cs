namespace FileFlow.Organisation;

/// <summary>Collects offices, posts, officers, assignments and delegations, then builds an immutable <see cref="OrganisationChart"/>.</summary>
/// <remarks>Not thread-safe; <see cref="Build"/> checks that every reference names something that exists.</remarks>
public sealed class OrganisationChartBuilder
{
    private readonly List<Office> offices = [];
    private readonly List<Post> posts = [];
    private readonly List<Officer> officers = [];
    private readonly List<Assignment> assignments = [];
    private readonly List<Delegation> delegations = [];

    internal OrganisationChartBuilder()
    {
    }

    /// <summary>Adds an office.</summary>
    public OrganisationChartBuilder AddOffice(Office office)
    {
        ArgumentNullException.ThrowIfNull(office);
        offices.Add(office);
        return this;
    }

    /// <summary>Adds a post.</summary>
    public OrganisationChartBuilder AddPost(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        posts.Add(post);
        return this;
    }

    /// <summary>Adds an officer.</summary>
    public OrganisationChartBuilder AddOfficer(Officer officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        officers.Add(officer);
        return this;
    }

    /// <summary>Records that an officer holds a post from a time, optionally until a time.</summary>
    public OrganisationChartBuilder Assign(OfficerId officer, PostId post, DateTimeOffset from, DateTimeOffset? until = null)
    {
        assignments.Add(new Assignment(officer, post, from, until));
        return this;
    }

    /// <summary>Records that <paramref name="to"/> acts for <paramref name="from"/> between two times; the holder of <paramref name="from"/> does not act meanwhile.</summary>
    public OrganisationChartBuilder Delegate(PostId from, PostId to, DateTimeOffset start, DateTimeOffset end) =>
        Delegate(new Delegation(from, to, start, end));

    /// <summary>Records a delegation (set <see cref="Delegation.Concurrent"/> for a concurrent charge, where the holder keeps acting too).</summary>
    public OrganisationChartBuilder Delegate(Delegation delegation)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        delegations.Add(delegation);
        return this;
    }

    /// <summary>Builds the chart.</summary>
    /// <exception cref="InvalidOrganisationException">A duplicate identifier, a reference to something missing, a reporting cycle, or an empty time range.</exception>
    public OrganisationChart Build()
    {
        var officeIds = Unique(offices.Select(o => o.Id), "office");
        var postIds = Unique(posts.Select(p => p.Id), "post");
        var officerIds = Unique(officers.Select(o => o.Id), "officer");
        foreach (var post in posts)
        {
            if (string.IsNullOrWhiteSpace(post.Id.Value))
            {
                throw new InvalidOrganisationException("A post has an empty identifier.");
            }

            if (!officeIds.Contains(post.Office))
            {
                throw new InvalidOrganisationException($"Post '{post.Id}' belongs to office '{post.Office}', which is not in the chart.");
            }

            if (post.ReportsTo is { } boss && !postIds.Contains(boss))
            {
                throw new InvalidOrganisationException($"Post '{post.Id}' reports to '{boss}', which is not in the chart.");
            }
        }

        var byId = posts.ToDictionary(p => p.Id);
        foreach (var post in posts)
        {
            var seen = new HashSet<PostId> { post.Id };
            for (var p = post; p.ReportsTo is { } next; p = byId[next])
            {
                if (!seen.Add(next))
                {
                    throw new InvalidOrganisationException($"The reporting chain from post '{post.Id}' loops back to '{next}'.");
                }
            }
        }

        foreach (var a in assignments)
        {
            if (!officerIds.Contains(a.Officer))
            {
                throw new InvalidOrganisationException($"An assignment names officer '{a.Officer}', who is not in the chart.");
            }

            if (!postIds.Contains(a.Post))
            {
                throw new InvalidOrganisationException($"An assignment of officer '{a.Officer}' names post '{a.Post}', which is not in the chart.");
            }

            if (a.Until is { } until && until <= a.From)
            {
                throw new InvalidOrganisationException($"The assignment of officer '{a.Officer}' to post '{a.Post}' ends before it starts.");
            }
        }

        foreach (var d in delegations)
        {
            if (!postIds.Contains(d.From) || !postIds.Contains(d.To))
            {
                throw new InvalidOrganisationException($"The delegation from '{d.From}' to '{d.To}' names a post that is not in the chart.");
            }

            if (d.From == d.To || d.End <= d.Start)
            {
                throw new InvalidOrganisationException($"The delegation from '{d.From}' to '{d.To}' must be between two different posts and end after it starts.");
            }
        }

        return new OrganisationChart(offices, posts, officers, assignments, delegations);
    }

    private static HashSet<T> Unique<T>(IEnumerable<T> ids, string what)
    {
        var set = new HashSet<T>();
        foreach (var id in ids)
        {
            if (!set.Add(id))
            {
                throw new InvalidOrganisationException($"The {what} '{id}' is added twice.");
            }
        }

        return set;
    }
}
