using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FileFlow.Cli.Tests;

/// <summary>The real commands end to end against a temporary SQLite store.</summary>
public sealed partial class CliEndToEndTests(SimulatedStore store) : IClassFixture<SimulatedStore>
{
    private static readonly string[] SummaryKeys = ["files", "transitions", "sanctioned", "rejected", "pending", "breached", "escalated", "penalty", "wallSeconds", "transitionsPerSecond"];

    [Fact]
    public async Task Simulate_then_verify_in_child_processes_exit_zero_and_agree_on_counts()
    {
        store.Simulation.ExitCode.Should().Be(0, store.Simulation.ToString());
        var summary = store.Simulation.Json;
        foreach (var key in SummaryKeys)
        {
            summary.TryGetProperty(key, out _).Should().BeTrue($"the summary carries '{key}'");
        }

        summary.GetProperty("files").GetInt32().Should().Be(200);
        summary.GetProperty("errors").GetInt64().Should().Be(0);
        (summary.GetProperty("sanctioned").GetInt32() + summary.GetProperty("rejected").GetInt32() + summary.GetProperty("pending").GetInt32()).Should().Be(200);
        summary.GetProperty("sanctioned").GetInt32().Should().BePositive();
        summary.GetProperty("rejected").GetInt32().Should().BePositive();
        File.Exists(store.Db + ".root.pem").Should().BeTrue();
        File.Exists(store.Db + ".org.json").Should().BeTrue();
        File.Exists(store.Db + ".org.pfx").Should().BeFalse("the organisation key is written only where --org-credential says");
        File.Exists(store.OrganisationCredential).Should().BeTrue();
        File.Exists(store.Db + ".checkpoint.txt").Should().BeTrue();

        var verify = await Cli.RunProcessAsync(store.Directory, "verify", "--db", store.Db, "--json");

        verify.ExitCode.Should().Be(0, verify.ToString());
        var report = verify.Json;
        report.GetProperty("valid").GetBoolean().Should().BeTrue();
        report.GetProperty("records").GetInt64().Should().Be(summary.GetProperty("transitions").GetInt64());
        report.GetProperty("documents").GetInt64().Should().BeGreaterThan(400, "each file has its application receipt, and many have notings");
        report.GetProperty("failures").GetArrayLength().Should().Be(0);
        report.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Tampering_with_one_record_makes_verify_exit_one_and_name_the_record()
    {
        var db = store.Copy("tampered.db");
        var (document, sequence) = Tamper(db);

        var verify = await Cli.RunProcessAsync(store.Directory, "verify", "--db", db, "--json");

        verify.ExitCode.Should().Be(1, verify.ToString());
        var report = verify.Json;
        report.GetProperty("valid").GetBoolean().Should().BeFalse();
        var failures = report.GetProperty("failures").EnumerateArray().ToList();
        failures.Should().ContainSingle(f => f.GetProperty("document").GetString() == document && f.GetProperty("sequence").GetInt64() == sequence);
        report.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeFalse("the Merkle root no longer matches the signed checkpoint");
        verify.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain(document);
    }

    [Fact]
    public async Task Verify_of_one_file_checks_it_with_its_notings_and_receipts()
    {
        var files = await Cli.RunInProcessAsync("files", "--db", store.Db, "--state", "Closed", "--limit", "1", "--json");
        var number = files.Json.GetProperty("items")[0].GetProperty("fileNumber").GetString()!;
        var history = await Cli.RunInProcessAsync("history", "--db", store.Db, "--file", number, "--json");

        var verify = await Cli.RunInProcessAsync("verify", "--db", store.Db, "--file", number, "--json");

        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Json.GetProperty("valid").GetBoolean().Should().BeTrue();
        verify.Json.GetProperty("documents").GetInt64().Should().BeGreaterThanOrEqualTo(2, "the file and its application receipt");
        verify.Json.GetProperty("records").GetInt64().Should().BeGreaterThan(history.Json.GetProperty("records").GetArrayLength(), "the receipt's records count too");
    }

    [Fact]
    public async Task Verify_of_a_missing_store_exits_two_naming_the_store()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"fileflow-missing-{Guid.NewGuid():N}.db");

        var verify = await Cli.RunInProcessAsync("verify", "--db", missing);

        verify.ExitCode.Should().Be(2, verify.ToString());
        verify.Stderr.Trim().Should().Contain("no store at").And.Contain(missing).And.NotContain("\n");
        File.Exists(missing).Should().BeFalse("verifying creates nothing");
    }

    [Fact]
    public async Task Verify_of_an_unknown_file_number_exits_two_with_one_line()
    {
        var verify = await Cli.RunInProcessAsync("verify", "--db", store.Db, "--file", "NO/SUCH/FILE/1/2026");

        verify.ExitCode.Should().Be(2, verify.ToString());
        verify.Stderr.Trim().Should().Contain("NO/SUCH/FILE/1/2026").And.NotContain("\n");
    }

    [Fact]
    public async Task The_same_seed_twice_gives_the_same_summary_numbers()
    {
        var first = await Cli.RunInProcessAsync("simulate", "--files", "120", "--offices", "3", "--seed", "42", "--days", "40", "--db", Path.Combine(store.Directory, "a.db"), "--json");
        var second = await Cli.RunInProcessAsync("simulate", "--files", "120", "--offices", "3", "--seed", "42", "--days", "40", "--db", Path.Combine(store.Directory, "b.db"), "--json");
        var other = await Cli.RunInProcessAsync("simulate", "--files", "120", "--offices", "3", "--seed", "43", "--days", "40", "--db", Path.Combine(store.Directory, "c.db"), "--json");

        first.ExitCode.Should().Be(0, first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        Numbers(second.Json).Should().Equal(Numbers(first.Json));
        Numbers(other.Json).Should().NotEqual(Numbers(first.Json), "another seed gives another run");
    }

    [Fact]
    public async Task The_same_seed_in_two_processes_gives_the_same_summary_numbers()
    {
        // Regression: the per-file generators were seeded with HashCode.Combine, which is randomised per process.
        var first = await Cli.RunProcessAsync(store.Directory, "simulate", "--files", "150", "--offices", "3", "--seed", "11", "--days", "40", "--db", Path.Combine(store.Directory, "p1.db"), "--json");
        var second = await Cli.RunProcessAsync(store.Directory, "simulate", "--files", "150", "--offices", "3", "--seed", "11", "--days", "40", "--db", Path.Combine(store.Directory, "p2.db"), "--json");

        first.ExitCode.Should().Be(0, first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        Numbers(second.Json).Should().Equal(Numbers(first.Json));
    }

    [Theory]
    [InlineData("simulate", "--files", "lots")]
    [InlineData("simulate", "--files", "-5", "--db", "never.db")]
    [InlineData("graph", "--kind", "memo")]
    [InlineData("graph", "--service", "gpf", "--format", "dot")]
    [InlineData("no-such-command")]
    [InlineData("verify", "--db", "missing.db")]
    [InlineData("verify", "--postgres", "Host=localhost")]
    [InlineData("export", "--file", "X/1", "--out", "x.zip")]
    [InlineData("verify", "--bundle", "x.zip")]
    public async Task Bad_usage_exits_two_with_one_line_on_stderr(params string[] args)
    {
        var run = await Cli.RunInProcessAsync(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Should().NotBeEmpty().And.NotContain("\n");
    }

    [Fact]
    public async Task Bad_usage_in_a_child_process_exits_two()
    {
        var run = await Cli.RunProcessAsync(store.Directory, "simulate", "--offices", "none");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Split('\n').Should().ContainSingle();
    }

    [Fact]
    public async Task Services_json_lists_the_ten_services_with_their_chain()
    {
        var run = await Cli.RunInProcessAsync("services", "--json");

        run.ExitCode.Should().Be(0);
        var items = run.Json.GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCount(10);
        run.Json.GetProperty("total").GetInt32().Should().Be(10);
        run.Json.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null, "the ten services fit one page");
        foreach (var item in items)
        {
            foreach (var key in new[] { "id", "nameEnglish", "nameHindi", "timeLimitDays", "designated", "firstAppellate", "secondAppellate", "origin" })
            {
                item.TryGetProperty(key, out _).Should().BeTrue($"{key} is listed");
            }
        }

        items.Select(i => i.GetProperty("id").GetString()).Should().Contain(["gpf", "earned-leave", "pension"]);
        items.Single(i => i.GetProperty("id").GetString() == "medical-reimbursement").GetProperty("timeLimitDays").GetInt32().Should().Be(30);
    }

    [Theory]
    [InlineData("file", "mermaid", "stateDiagram-v2")]
    [InlineData("receipt", "dot", "digraph")]
    public async Task Graph_prints_the_machine(string kind, string format, string start)
    {
        var run = await Cli.RunInProcessAsync("graph", "--kind", kind, "--format", format);

        run.ExitCode.Should().Be(0);
        run.Stdout.TrimStart().Should().StartWith(start);
    }

    [Fact]
    public async Task Graph_of_a_service_is_a_mermaid_flowchart()
    {
        var run = await Cli.RunInProcessAsync("graph", "--service", "earned-leave");

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().StartWith("flowchart BT").And.Contain("head_of_department");
    }

    [Fact]
    public async Task Files_history_and_pending_read_the_simulated_store()
    {
        var files = await Cli.RunInProcessAsync("files", "--db", store.Db, "--state", "Closed", "--limit", "5", "--json");
        files.ExitCode.Should().Be(0, files.ToString());
        var items = files.Json.GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCount(5).And.OnlyContain(i => i.GetProperty("state").GetString() == "Closed");
        var number = items[0].GetProperty("fileNumber").GetString()!;

        var history = await Cli.RunInProcessAsync("history", "--db", store.Db, "--file", number, "--json");
        history.ExitCode.Should().Be(0, history.ToString());
        var records = history.Json.GetProperty("records").EnumerateArray().ToList();
        records[0].GetProperty("trigger").GetString().Should().Be("Create");
        records[^1].GetProperty("trigger").GetString().Should().Be("Close");
        records.Select(r => r.GetProperty("seq").GetInt64()).Should().BeInAscendingOrder();

        var table = await Cli.RunInProcessAsync("history", "--db", store.Db, "--file", number);
        table.Stdout.Should().Contain("Create").And.Contain("Close");

        var pending = await Cli.RunInProcessAsync("pending", "--db", store.Db, "--limit", "1000", "--json");
        pending.ExitCode.Should().Be(0, pending.ToString());
        pending.Json.GetProperty("items").GetArrayLength().Should().Be(store.Simulation.Json.GetProperty("files").GetInt32() - Closed(store), "every file not closed is pending");
    }

    [Fact]
    public async Task Lists_page_by_the_next_token_and_count_every_match_in_total()
    {
        var all = await Cli.RunInProcessAsync("files", "--db", store.Db, "--limit", "1000", "--json");
        all.ExitCode.Should().Be(0, all.ToString());
        var everyNumber = all.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fileNumber").GetString()).ToList();
        all.Json.GetProperty("total").GetInt64().Should().Be(everyNumber.Count).And.Be(store.Simulation.Json.GetProperty("files").GetInt32());
        all.Json.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null, "everything fitted");

        var first = await Cli.RunInProcessAsync("files", "--db", store.Db, "--limit", "2", "--json");
        first.Json.GetProperty("items").GetArrayLength().Should().Be(2);
        first.Json.GetProperty("total").GetInt64().Should().Be(everyNumber.Count, "total counts every match, not the page");
        var next = first.Json.GetProperty("next").GetString();
        next.Should().NotBeNullOrEmpty();

        var rest = await Cli.RunInProcessAsync("files", "--db", store.Db, "--limit", "1000", "--after", next!, "--json");
        rest.ExitCode.Should().Be(0, rest.ToString());
        var pages = first.Json.GetProperty("items").EnumerateArray().Concat(rest.Json.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("fileNumber").GetString()).ToList();
        pages.Should().Equal(everyNumber, "the two pages are the whole list, in order, nothing twice");
        rest.Json.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);

        var table = await Cli.RunInProcessAsync("files", "--db", store.Db, "--limit", "2");
        table.Stdout.Should().Contain($"2 shown of {everyNumber.Count}; more with --after {next}");

        var bad = await Cli.RunInProcessAsync("files", "--db", store.Db, "--after", "not-a-token", "--json");
        bad.ExitCode.Should().Be(2, bad.ToString());
        bad.Stderr.Trim().Should().Contain("--after").And.NotContain("\n");
    }

    [Fact]
    public async Task Inbox_of_a_post_lists_only_what_it_holds()
    {
        var pending = await Cli.RunInProcessAsync("files", "--db", store.Db, "--limit", "1000", "--json");
        var open = pending.Json.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("state").GetString() != "Closed");
        if (open.ValueKind == JsonValueKind.Undefined)
        {
            return;
        }

        var holder = open.GetProperty("holder").GetString()!;
        var inbox = await Cli.RunInProcessAsync("inbox", "--db", store.Db, "--post", holder, "--json");

        inbox.ExitCode.Should().Be(0, inbox.ToString());
        inbox.Json.GetProperty("items").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(i => i.GetProperty("holder").GetString() == holder);
    }

    [Fact]
    public async Task Bench_quick_json_names_the_seven_measurements_with_their_goals()
    {
        var run = await Cli.RunInProcessAsync("bench", "--quick", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        var results = run.Json.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("name").GetString()).Should()
            .Equal("transition", "sign-rsa2048", "sign-rsa2048-software", "sign-ed25519", "append-sqlite", "group-commit", "verify");
        results.Where(r => r.TryGetProperty("goal", out var goal) && goal.ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("name").GetString()).Should()
            .Equal("transition", "sign-rsa2048", "sign-rsa2048-software", "append-sqlite", "group-commit", "verify");
        results.Should().OnlyContain(r => r.GetProperty("fileflowPerSecond").GetDouble() > 0 && r.GetProperty("baselinePerSecond").GetDouble() > 0 && r.GetProperty("ratio").GetDouble() > 0);
    }

    [Fact]
    public async Task Report_writes_a_self_contained_html_page()
    {
        var output = Path.Combine(store.Directory, "report.html");

        var run = await Cli.RunInProcessAsync("report", "--db", store.Db, "--out", output);

        run.ExitCode.Should().Be(0, run.ToString());
        var html = await File.ReadAllTextAsync(output);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<svg").And.NotContain("<script").And.Contain("Penalty ledger");
    }

    private static int Closed(SimulatedStore store) => store.Simulation.Json.GetProperty("closed").GetInt32();

    private static long[] Numbers(JsonElement summary) =>
        new[] { "files", "transitions", "sanctioned", "rejected", "pending", "breached", "escalated", "closed", "returnedToApplicant", "officers", "delegations" }
            .Select(k => summary.GetProperty(k).GetInt64())
            .Append((long)summary.GetProperty("penalty").GetDecimal())
            .ToArray();

    /// <summary>Flips one byte inside a stored record's canonical bytes (a file's record at sequence 2) and returns its document and sequence.</summary>
    private static (string Document, long Sequence) Tamper(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ConnectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT position, sequence, canonical FROM records WHERE sequence = 2 ORDER BY position LIMIT 1 OFFSET 10";
        long position, sequence;
        byte[] canonical;
        using (var reader = select.ExecuteReader())
        {
            reader.Read().Should().BeTrue();
            position = reader.GetInt64(0);
            sequence = reader.GetInt64(1);
            canonical = (byte[])reader.GetValue(2);
        }

        var document = new Guid(canonical.AsSpan(5, 16), bigEndian: true).ToString("N");
        canonical[canonical.Length - 3] ^= 0x01;
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE records SET canonical = $c WHERE position = $p";
        update.Parameters.AddWithValue("$c", canonical);
        update.Parameters.AddWithValue("$p", position);
        update.ExecuteNonQuery().Should().Be(1);
        return (document, sequence);
    }
}
