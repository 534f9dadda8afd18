using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FileFlow.Cli.Tests;

public sealed class OrgImportTests(SimulatedStore store) : IClassFixture<SimulatedStore>
{
    private const string Header = "record,office,section,post,officer,name,designation,level,role,reports_to,holders,clearance,administrator,from,to";

    [Fact]
    public async Task Importing_the_stores_own_organisation_changes_nothing()
    {
        var db = store.Copy("same.db");
        var before = await File.ReadAllBytesAsync(db + ".org.json");
        var csv = Path.Combine(store.Directory, "same.csv");
        await File.WriteAllTextAsync(csv, ToEmd(db + ".org.json", extra: []));

        var run = await Cli.RunInProcessAsync("org", "import", csv, "--db", db, "--signer", store.OrganisationCredential);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().StartWith("No change:");
        (await File.ReadAllBytesAsync(db + ".org.json")).Should().Equal(before);
    }

    [Fact]
    public async Task A_handover_is_imported_signed_kept_on_reimport_and_the_store_still_verifies()
    {
        var db = store.Copy("handover.db");
        var org = db + ".org.json";
        var (officer, post) = OpenCharge(org);
        var handover = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = Path.Combine(store.Directory, "handover.csv");
        await File.WriteAllTextAsync(csv, ToEmd(org, extra: [
            $"officer,,,,o-new,Naveen Tripathi,,,,,,,,,",
            $"assignment,,,{post},o-new,,,,,,,,,{handover},",
        ], close: (officer, post, handover)));

        var first = await Cli.RunInProcessAsync("org", "import", csv, "--db", db, "--signer", store.OrganisationCredential, "--json");
        first.ExitCode.Should().Be(0, first.ToString());
        first.Json.GetProperty("changed").GetBoolean().Should().BeTrue();
        File.Exists(org + ".v1").Should().BeTrue("the replaced organisation is kept as a version");
        File.ReadAllText(org).Should().Contain("o-new");

        var verify = await Cli.RunProcessAsync(store.Directory, "verify", "--db", db, "--json");
        verify.ExitCode.Should().Be(0, verify.ToString());

        var again = await Cli.RunInProcessAsync("org", "import", csv, "--db", db, "--signer", store.OrganisationCredential);
        again.ExitCode.Should().Be(0, again.ToString());
        again.Stdout.Should().StartWith("No change:");
        File.Exists(org + ".v2").Should().BeFalse();
    }

    [Fact]
    public async Task An_edited_organisation_after_import_fails_verification()
    {
        var db = store.Copy("edited.db");
        var org = db + ".org.json";
        var (officer, post) = OpenCharge(org);
        var handover = DateTimeOffset.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = Path.Combine(store.Directory, "edited.csv");
        await File.WriteAllTextAsync(csv, ToEmd(org, extra: [], close: (officer, post, handover)));
        (await Cli.RunInProcessAsync("org", "import", csv, "--db", db, "--signer", store.OrganisationCredential)).ExitCode.Should().Be(0);

        var imported = File.ReadAllText(org);
        imported.Should().Contain("\"level\":5");
        await File.WriteAllTextAsync(org, imported.Replace("\"level\":5", "\"level\":6", StringComparison.Ordinal));
        var verify = await Cli.RunProcessAsync(store.Directory, "verify", "--db", db);
        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.Stderr.Should().Contain("not vouched for");
    }

    [Fact]
    public async Task A_file_that_drops_a_past_charge_is_refused_and_nothing_changes()
    {
        var db = store.Copy("rewrite.db");
        var org = db + ".org.json";
        var before = await File.ReadAllBytesAsync(org);
        var (officer, post) = OpenCharge(org);
        var csv = Path.Combine(store.Directory, "rewrite.csv");
        var text = string.Join('\n', ToEmd(org, extra: []).Split('\n').Where(l => !l.StartsWith($"assignment,,,{post},{officer},", StringComparison.Ordinal)));
        await File.WriteAllTextAsync(csv, text);

        var run = await Cli.RunInProcessAsync("org", "import", csv, "--db", db, "--signer", store.OrganisationCredential);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain($"officer '{officer}' held post '{post}'").And.Contain("nothing imported");
        (await File.ReadAllBytesAsync(org)).Should().Equal(before);
        File.Exists(org + ".v1").Should().BeFalse();
    }

    [Fact]
    public async Task A_bad_file_lists_every_problem_by_row_and_column_and_nothing_changes()
    {
        var db = store.Copy("bad.db");
        var org = db + ".org.json";
        var before = await File.ReadAllBytesAsync(org);
        var csv = Path.Combine(store.Directory, "bad.csv");
        await File.WriteAllTextAsync(csv, ToEmd(org, extra: ["assignment,,,NO-SUCH-POST,o-adm01,,,,,,,,,2026-01-01,", "officer,,,,o-x,,,,,,,,,,"]));

        var run = await Cli.RunInProcessAsync("org", "import", csv, "--db", db, "--signer", store.OrganisationCredential);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("column 'post': unknown post 'NO-SUCH-POST'").And.Contain("column 'name': required").And.Contain("officer 'o-adm01' already holds post").And.Contain("3 problem(s)");
        (await File.ReadAllBytesAsync(org)).Should().Equal(before);
    }

    [Fact]
    public async Task A_personal_identifier_column_is_refused()
    {
        var db = store.Copy("pii.db");
        var csv = Path.Combine(store.Directory, "pii.csv");
        await File.WriteAllTextAsync(csv, "record,officer,name,mobile\nofficer,o-1,Asha,9999999999\n");

        var run = await Cli.RunInProcessAsync("org", "import", csv, "--db", db, "--signer", store.OrganisationCredential);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("column 'mobile': personal identifiers");
    }

    [Fact]
    public async Task Import_without_signer_exits_two_naming_the_option_and_nothing_changes()
    {
        var db = store.Copy("no-signer.db");
        var org = db + ".org.json";
        var before = await File.ReadAllBytesAsync(org);
        var (officer, post) = OpenCharge(org);
        var csv = Path.Combine(store.Directory, "no-signer.csv");
        await File.WriteAllTextAsync(csv, ToEmd(org, extra: [], close: (officer, post, DateTimeOffset.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

        var run = await Cli.RunInProcessAsync("org", "import", csv, "--db", db);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Should().Contain("--signer").And.NotContain("\n");
        (await File.ReadAllBytesAsync(org)).Should().Equal(before);
        File.Exists(org + ".v1").Should().BeFalse();
        File.Exists(db + ".org.pfx").Should().BeFalse("simulate writes no organisation credential beside the store, so there is no default to fall back on");
    }

    [Fact]
    public async Task Import_signed_with_a_credential_without_the_Organisation_role_exits_two_and_nothing_changes()
    {
        var db = store.Copy("export-signer.db");
        var org = db + ".org.json";
        var before = await File.ReadAllBytesAsync(org);
        var (officer, post) = OpenCharge(org);
        var csv = Path.Combine(store.Directory, "export-signer.csv");
        await File.WriteAllTextAsync(csv, ToEmd(org, extra: [], close: (officer, post, DateTimeOffset.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

        var run = await Cli.RunInProcessAsync("org", "import", csv, "--db", db, "--signer", db + ".export.pfx");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Should().Contain("does not state the Organisation role").And.NotContain("\n");
        (await File.ReadAllBytesAsync(org)).Should().Equal(before);
        File.Exists(org + ".v1").Should().BeFalse();
    }

    private static (string Officer, string Post) OpenCharge(string organisation)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(organisation));
        var a = json.RootElement.GetProperty("assignments").EnumerateArray().Last(a => !a.TryGetProperty("until", out _));
        return (a.GetProperty("officer").GetString()!, a.GetProperty("post").GetString()!);
    }

    // Writes the organisation file as Employee Master Data, as a state's EMD export would, optionally closing one charge on a day.
    private static string ToEmd(string organisation, string[] extra, (string Officer, string Post, string Day)? close = null)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(organisation));
        var root = json.RootElement;
        var text = new StringBuilder(Header).Append('\n');
        static string F(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : string.Empty;
        static string Q(string s) => s.Contains(',', StringComparison.Ordinal) ? $"\"{s}\"" : s;
        foreach (var o in root.GetProperty("offices").EnumerateArray())
        {
            text.Append($"office,{F(o, "id")},,,,{Q(F(o, "name"))},,,,,,,,,\n");
            foreach (var s in o.GetProperty("sections").EnumerateArray())
            {
                text.Append($"section,{F(o, "id")},{s.GetString()},,,,,,,,,,,,\n");
            }
        }

        foreach (var p in root.GetProperty("posts").EnumerateArray())
        {
            text.Append($"post,{F(p, "office")},{F(p, "section")},{F(p, "id")},,,{Q(F(p, "designation"))},{F(p, "level")},{F(p, "role")},{F(p, "reportsTo")},,,,,\n");
        }

        foreach (var o in root.GetProperty("officers").EnumerateArray())
        {
            text.Append($"officer,,,,{F(o, "id")},{Q(F(o, "name"))},,,,,,{F(o, "clearance")},{(F(o, "administrator") == "True" ? "yes" : string.Empty)},,\n");
        }

        foreach (var a in root.GetProperty("assignments").EnumerateArray())
        {
            var until = F(a, "until");
            if (close is { } c && c.Officer == F(a, "officer") && c.Post == F(a, "post") && until.Length == 0)
            {
                until = c.Day;
            }

            text.Append($"assignment,,,{F(a, "post")},{F(a, "officer")},,,,,,,,,{F(a, "from")},{until}\n");
        }

        foreach (var line in extra)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
