using System.Diagnostics;
using System.Text;
using FileFlow.Documents;
using FileFlow.Import;
using FileFlow.Organisation;
using FileFlow.Tests.Machines;
using Xunit.Abstractions;

namespace FileFlow.Tests.Import;

public sealed class EmployeeMasterDataImporterTests(ITestOutputHelper output)
{
    private const string Header = "record,office,section,post,officer,name,designation,level,role,reports_to,holders,clearance,administrator,from,to";

    private static string Sample => Path.Combine(DocumentMachineTests.RepositoryRoot(), "examples", "EmployeeMasterData", "emd.csv");

    // Builds a row from named fields in header order.
    private static string Row(string record, string? office = null, string? section = null, string? post = null, string? officer = null, string? name = null,
        string? designation = null, string? level = null, string? role = null, string? reportsTo = null, string? holders = null, string? clearance = null,
        string? administrator = null, string? from = null, string? to = null) =>
        string.Join(",", new[] { record, office, section, post, officer, name, designation, level, role, reportsTo, holders, clearance, administrator, from, to }
            .Select(f => f is null ? string.Empty : f.Contains(',') ? $"\"{f}\"" : f));

    private static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    private static readonly string[] Base =
    [
        Row("office", office: "O1", name: "Office One"),
        Row("section", office: "O1", section: "EST"),
        Row("post", office: "O1", post: "HOO", designation: "Head of Office", level: "10", role: "head-of-office"),
        Row("post", office: "O1", section: "EST", post: "SO", designation: "Section Officer", level: "5", reportsTo: "HOO"),
        Row("officer", officer: "E1", name: "Anita Verma"),
        Row("officer", officer: "E2", name: "Rakesh Singh"),
    ];

    private static EmployeeMasterDataException Refused(params string[] extra) =>
        FluentActions.Invoking(() => EmployeeMasterDataImporter.Parse(Csv([.. Base, .. extra]), "test.csv"))
            .Should().Throw<EmployeeMasterDataException>().Which;

    [Fact]
    public async Task The_sample_file_builds_a_chart_that_knows_who_held_which_post_when()
    {
        var data = await EmployeeMasterDataImporter.ReadFileAsync(Sample);
        var chart = data.ToChart();
        data.Offices.Should().HaveCount(2);
        chart.GetOffice(new OfficeId("DM-LKO")).Sections.Should().Equal("EST", "ACCTS");
        chart.GetOfficer(new OfficerId("EMP-10006")).Name.Should().Be("Dwivedi, Ram Prakash");
        chart.GetOfficer(new OfficerId("EMP-10006")).IsAdministrator.Should().BeTrue();
        chart.GetOfficer(new OfficerId("EMP-10001")).Clearance.Should().Be(SecurityGrading.Secret);
        var ist = TimeSpan.FromHours(5.5);
        chart.HoldersOf(new PostId("DM-LKO-SO-EST"), new DateTimeOffset(2025, 6, 29, 12, 0, 0, ist)).Should().Equal(new OfficerId("EMP-10003"));
        chart.HoldersOf(new PostId("DM-LKO-SO-EST"), new DateTimeOffset(2025, 6, 30, 0, 0, 0, ist)).Should().Equal(new OfficerId("EMP-10006"));
        chart.HoldersOf(new PostId("DM-LKO-DA-EST"), new DateTimeOffset(2025, 1, 1, 0, 0, 0, ist)).Should().HaveCount(2);
        chart.ResolveRole("section-officer", new PostId("DM-LKO-DA-EST"))!.Id.Should().Be(new PostId("DM-LKO-SO-EST"));
    }

    [Fact]
    public void Parsing_the_same_text_twice_gives_equal_organisations()
    {
        var text = File.ReadAllText(Sample);
        var first = EmployeeMasterDataImporter.Parse(text, "emd.csv");
        var second = EmployeeMasterDataImporter.Parse(text, "emd.csv");
        first.Posts.Should().Equal(second.Posts);
        first.Assignments.Should().Equal(second.Assignments);
        first.Officers.Should().Equal(second.Officers);
    }

    [Theory]
    [InlineData("aadhaar")]
    [InlineData("Aadhaar_No")]
    [InlineData("mobile")]
    [InlineData("PAN")]
    public void A_personal_identifier_column_is_refused_by_name(string column)
    {
        var csv = Header + "," + column + "\n" + Row("office", office: "O1", name: "Office One") + ",123412341234\n";
        var e = FluentActions.Invoking(() => EmployeeMasterDataImporter.Parse(csv, "t.csv")).Should().Throw<EmployeeMasterDataException>().Which;
        e.Errors.Should().ContainSingle().Which.Should().Be(new ImportError(1, column.ToLowerInvariant(),
            "personal identifiers beyond name, designation and office are not accepted; remove the column"));
    }

    [Fact]
    public void An_assignment_to_an_unknown_post_is_named_by_row_and_column()
    {
        var e = Refused(Row("assignment", post: "NOPE", officer: "E1", from: "2025-01-01"));
        e.Errors.Should().ContainSingle().Which.Should().Be(new ImportError(8, "post", "unknown post 'NOPE'"));
    }

    [Fact]
    public void A_cycle_in_reporting_lines_is_refused()
    {
        var e = Refused(
            Row("post", office: "O1", post: "A", designation: "A", level: "1", reportsTo: "B"),
            Row("post", office: "O1", post: "B", designation: "B", level: "2", reportsTo: "C"),
            Row("post", office: "O1", post: "C", designation: "C", level: "3", reportsTo: "A"));
        e.Errors.Should().ContainSingle().Which.Should().Match<ImportError>(x => x.Row == 8 && x.Column == "reports_to" && x.Message.Contains("loops"));
    }

    [Fact]
    public void Two_holders_where_one_is_allowed_are_refused_and_holders_allows_more()
    {
        var e = Refused(
            Row("assignment", post: "SO", officer: "E1", from: "2025-01-01"),
            Row("assignment", post: "SO", officer: "E2", from: "2025-03-01"));
        e.Errors.Should().ContainSingle().Which.Should().Match<ImportError>(x => x.Row == 9 && x.Column == "post" && x.Message.Contains("allows 1"));

        var allowed = Csv(
            Row("office", office: "O1", name: "Office One"),
            Row("post", office: "O1", post: "DA", designation: "Dealing Assistant", level: "2", holders: "2"),
            Row("officer", officer: "E1", name: "A"),
            Row("officer", officer: "E2", name: "B"),
            Row("assignment", post: "DA", officer: "E1", from: "2025-01-01"),
            Row("assignment", post: "DA", officer: "E2", from: "2025-03-01"));
        EmployeeMasterDataImporter.Parse(allowed, "t.csv").Assignments.Should().HaveCount(2);
    }

    [Fact]
    public void A_handover_on_the_same_day_is_not_two_holders()
    {
        var data = EmployeeMasterDataImporter.Parse(Csv([.. Base,
            Row("assignment", post: "SO", officer: "E1", from: "2025-01-01", to: "2025-03-01"),
            Row("assignment", post: "SO", officer: "E2", from: "2025-03-01")]), "t.csv");
        data.Assignments.Should().HaveCount(2);
    }

    [Fact]
    public void Overlapping_assignments_of_one_officer_are_refused()
    {
        var e = Refused(
            Row("assignment", post: "SO", officer: "E1", from: "2025-01-01"),
            Row("assignment", post: "HOO", officer: "E1", from: "2025-06-01"));
        e.Errors.Should().ContainSingle().Which.Should().Match<ImportError>(x => x.Row == 9 && x.Column == "from" && x.Message.Contains("one post at a time"));
    }

    [Theory]
    [InlineData("2025-13-01", null, "from")]
    [InlineData("01/02/2025", null, "from")]
    [InlineData("2025-01-01", "2024-12-31", "to")]
    [InlineData("2025-01-01", "2025-01-01", "to")]
    public void Bad_dates_are_named_by_column(string from, string? to, string column)
    {
        var e = Refused(Row("assignment", post: "SO", officer: "E1", from: from, to: to));
        e.Errors.Should().ContainSingle().Which.Should().Match<ImportError>(x => x.Row == 8 && x.Column == column);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_row_order()
    {
        var e = Refused(
            Row("assignment", post: "SO", officer: "NOBODY", from: "2025-01-01"),
            Row("post", office: "O9", post: "X", designation: "X", level: "one"),
            Row("grant", office: "O1"),
            Row("office", office: "O1", name: "Again"));
        e.Errors.Select(x => (x.Row, x.Column)).Should().Equal((8, "officer"), (9, "level"), (10, "record"), (11, "office"));
        e.Message.Should().Contain("test.csv").And.Contain("row 8, column 'officer'");
    }

    [Theory]
    [InlineData("record,office,name\noffice,\"O1,Office\n", 2)]
    [InlineData("record,office,name\noffice,O\"1,Office\n", 2)]
    [InlineData("record,office,name\noffice,O1\n", 2)]
    [InlineData("", 1)]
    public void Malformed_csv_is_refused_naming_the_row(string csv, int row)
    {
        var e = FluentActions.Invoking(() => EmployeeMasterDataImporter.Parse(csv, "t.csv")).Should().Throw<EmployeeMasterDataException>().Which;
        e.Errors.Should().NotBeEmpty();
        e.Errors[0].Row.Should().Be(row);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var csv = "record,office,name\r\noffice,O1,\"Office \"\"One\"\", Lucknow\r\nHazratganj\"\r\noffice,O2,Two\r\n";
        var data = EmployeeMasterDataImporter.Parse(csv, "t.csv");
        data.Offices.Select(o => o.Name).Should().Equal("Office \"One\", Lucknow\r\nHazratganj", "Two");
    }

    [Fact]
    public void A_state_of_3804_offices_and_20517_officers_imports_in_seconds()
    {
        var csv = StateSizedFile(3804, 20517);
        var stopwatch = Stopwatch.StartNew();
        var data = EmployeeMasterDataImporter.Parse(csv, "state.csv");
        var parsed = stopwatch.Elapsed;
        var chart = data.ToChart();
        stopwatch.Stop();
        output.WriteLine($"EMD import: {data.Offices.Length:N0} offices, {data.Posts.Length:N0} posts, {data.Officers.Length:N0} officers, "
            + $"{data.Assignments.Length:N0} assignments, {csv.Length / 1024.0 / 1024.0:F1} MiB: parsed and checked in {parsed.TotalSeconds:F2} s, "
            + $"chart built by {stopwatch.Elapsed.TotalSeconds:F2} s");
        data.Officers.Should().HaveCount(20517);
        chart.Offices.Should().HaveCount(3804);
    }

    // One secretariat department over 3,803 field offices; each office has a head and sections, and officers fill the posts (some posts
    // changed hands, so they have a past holder).
    internal static string StateSizedFile(int offices, int officers)
    {
        var text = new StringBuilder(Header).Append('\n');
        var posts = new List<string>();
        text.Append(Row("office", office: "SEC", name: "Secretariat")).Append('\n');
        text.Append(Row("post", office: "SEC", post: "SEC-AD", designation: "Secretary", level: "14", role: "administrative-department")).Append('\n');
        posts.Add("SEC-AD");
        var perOffice = officers / offices;
        for (var i = 1; i < offices; i++)
        {
            var office = $"OFF{i:D4}";
            text.Append(Row("office", office: office, name: $"Office {i}, District {(i % 75) + 1}")).Append('\n');
            text.Append(Row("section", office: office, section: "EST")).Append('\n');
            text.Append(Row("post", office: office, post: $"{office}-HOO", designation: "Head of Office", level: "10", role: "head-of-office", reportsTo: "SEC-AD")).Append('\n');
            posts.Add($"{office}-HOO");
            for (var p = 1; p < perOffice; p++)
            {
                var id = $"{office}-P{p}";
                text.Append(Row("post", office: office, section: "EST", post: id, designation: $"Assistant {p}", level: "2", role: "dealing-assistant",
                    reportsTo: $"{office}-HOO")).Append('\n');
                posts.Add(id);
            }
        }

        for (var e = 0; e < officers; e++)
        {
            text.Append(Row("officer", officer: $"EMP{e:D6}", name: $"Officer {e}")).Append('\n');
        }

        // The first officers each hold one post; what is left over held posts earlier and handed them over.
        var handedOver = officers - posts.Count;
        for (var e = 0; e < officers; e++)
        {
            var post = posts[e % posts.Count];
            var from = e < handedOver ? "2019-04-01" : e % posts.Count < handedOver ? "2022-04-01" : "2020-01-01";
            var to = e < handedOver ? "2022-04-01" : null;
            text.Append(Row("assignment", post: post, officer: $"EMP{e:D6}", from: from, to: to)).Append('\n');
        }

        return text.ToString();
    }
}
