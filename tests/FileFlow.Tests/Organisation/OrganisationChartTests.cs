using FileFlow.Organisation;

namespace FileFlow.Tests.Organisation;

public sealed class OrganisationChartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly OfficeId Dte = new("DTE");

    private static OrganisationChartBuilder Base() => OrganisationChart.CreateBuilder()
        .AddOffice(new Office(Dte, "Directorate"))
        .AddPost(new Post(new PostId("SO"), "Section Officer", 2, Dte) { ReportsTo = new PostId("US") })
        .AddPost(new Post(new PostId("US"), "Under Secretary", 3, Dte))
        .AddOfficer(new Officer(new OfficerId("a"), "A"))
        .AddOfficer(new Officer(new OfficerId("b"), "B"));

    [Fact]
    public void Holders_change_over_time_and_the_post_stays()
    {
        var chart = Base()
            .Assign(new OfficerId("a"), new PostId("SO"), T0, T0.AddMonths(6))
            .Assign(new OfficerId("b"), new PostId("SO"), T0.AddMonths(6))
            .Build();
        chart.HoldersOf(new PostId("SO"), T0.AddMonths(1)).Should().Equal(new OfficerId("a"));
        chart.HoldersOf(new PostId("SO"), T0.AddMonths(7)).Should().Equal(new OfficerId("b"));
        chart.CapacityFor(new OfficerId("a"), new PostId("SO"), T0.AddMonths(7)).Should().Be(ActingCapacity.None);
    }

    [Fact]
    public void A_delegation_lets_the_delegate_posts_holder_act_only_within_its_dates()
    {
        var chart = Base()
            .Assign(new OfficerId("b"), new PostId("US"), T0)
            .Delegate(new PostId("SO"), new PostId("US"), T0.AddDays(10), T0.AddDays(20))
            .Build();
        chart.CapacityFor(new OfficerId("b"), new PostId("SO"), T0.AddDays(15)).Should().Be(ActingCapacity.Delegate);
        chart.CapacityFor(new OfficerId("b"), new PostId("SO"), T0.AddDays(20)).Should().Be(ActingCapacity.None);
        chart.DelegateOf(new PostId("SO"), T0.AddDays(9)).Should().BeNull();
    }

    [Fact]
    public void ChainAbove_follows_reporting_posts()
    {
        Base().Build().ChainAbove(new PostId("SO")).Select(p => p.Id.Value).Should().Equal("US");
    }

    [Fact]
    public void Build_names_each_inconsistency()
    {
        FluentActions.Invoking(() => Base().AddPost(new Post(new PostId("SO"), "dup", 1, Dte)).Build())
            .Should().Throw<InvalidOrganisationException>().WithMessage("*post 'SO' is added twice*");
        FluentActions.Invoking(() => Base().AddPost(new Post(new PostId("X"), "x", 1, new OfficeId("NOPE"))).Build())
            .Should().Throw<InvalidOrganisationException>().WithMessage("*office 'NOPE'*");
        FluentActions.Invoking(() => Base().AddPost(new Post(new PostId("X"), "x", 1, Dte) { ReportsTo = new PostId("Y") }).Build())
            .Should().Throw<InvalidOrganisationException>().WithMessage("*reports to 'Y'*");
        FluentActions.Invoking(() => OrganisationChart.CreateBuilder().AddOffice(new Office(Dte, "d"))
                .AddPost(new Post(new PostId("P"), "p", 1, Dte) { ReportsTo = new PostId("Q") })
                .AddPost(new Post(new PostId("Q"), "q", 1, Dte) { ReportsTo = new PostId("P") }).Build())
            .Should().Throw<InvalidOrganisationException>().WithMessage("*loops*");
        FluentActions.Invoking(() => Base().Assign(new OfficerId("zz"), new PostId("SO"), T0).Build())
            .Should().Throw<InvalidOrganisationException>().WithMessage("*officer 'zz'*");
        FluentActions.Invoking(() => Base().Delegate(new PostId("SO"), new PostId("US"), T0, T0).Build())
            .Should().Throw<InvalidOrganisationException>().WithMessage("*end after it starts*");
    }
}
