namespace FileFlow.Cli.Tests;

/// <summary>Consultation through the tool: <c>refer</c> to several posts, <c>reply</c> as an officer of a post asked, <c>referrals</c> and the
/// report's pendency show what is outstanding, and the store still verifies.</summary>
public sealed class ConsultationCliTests(OfficerStores stores) : IClassFixture<OfficerStores>
{
    [Fact]
    public async Task A_question_referred_to_two_posts_is_outstanding_until_each_replies_once_and_the_store_verifies()
    {
        var db = stores.Copy("a", "consult.db");
        var file = (await Ok("files", "--db", db, "--state", "Forwarded", "--json")).Json.GetProperty("items")[0];
        var number = file.GetProperty("fileNumber").GetString()!;
        var holder = file.GetProperty("holder").GetString()!;
        var officer = "o-" + holder.ToLowerInvariant();
        string[] asked = ["OFF0001-HOO", "OFF0002-ACC-SO"];

        var refer = await Ok("refer", "--db", db, "--file", number, "--to", string.Join(',', asked), "--question", "Is the representation within time?",
            "--reply-by", "2030-01-31", "--officer", officer, "--credential", stores.Credential("a", officer), "--json");
        var referral = refer.Json.GetProperty("referral").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var outstanding = await Ok("referrals", "--db", db, "--json");
        outstanding.Json.GetProperty("total").GetInt32().Should().Be(2);
        outstanding.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("post").GetString()).Should().BeEquivalentTo(asked);
        (await Ok("referrals", "--db", db, "--post", "OFF0001-HOO", "--json")).Json.GetProperty("total").GetInt32().Should().Be(1);

        var report = Path.Combine(stores.Directory, "consult-report.html");
        await Ok("report", "--db", db, "--out", report);
        var html = await File.ReadAllTextAsync(report);
        html.Should().Contain("Consultation pendency").And.Contain("OFF0001-HOO (0 overdue)").And.Contain("OFF0002-ACC-SO (0 overdue)");

        await Ok("reply", "--db", db, "--file", number, "--referral", referral, "--text", "Yes, it was filed within time.",
            "--officer", "o-off0001-hoo", "--credential", stores.Credential("a", "o-off0001-hoo"));
        var left = await Ok("referrals", "--db", db, "--json");
        left.Json.GetProperty("total").GetInt32().Should().Be(1);
        left.Json.GetProperty("items")[0].GetProperty("post").GetString().Should().Be("OFF0002-ACC-SO");
        var all = await Ok("referrals", "--db", db, "--file", number, "--json");
        all.Json.GetProperty("items").EnumerateArray().Count(i => !i.GetProperty("outstanding").GetBoolean()).Should().Be(1, "the reply is listed with the file's referrals");

        var twice = await Cli.RunInProcessAsync("reply", "--db", db, "--file", number, "--referral", referral, "--text", "Again.",
            "--officer", "o-off0001-hoo", "--credential", stores.Credential("a", "o-off0001-hoo"));
        twice.ExitCode.Should().Be(2, "a post replies once: " + twice);
        var notAsked = await Cli.RunInProcessAsync("reply", "--db", db, "--file", number, "--referral", referral, "--text", "Unasked.",
            "--officer", "o-off0002-est-so", "--credential", stores.Credential("a", "o-off0002-est-so"));
        notAsked.ExitCode.Should().Be(2, "a post not asked cannot reply: " + notAsked);
        (await Ok("referrals", "--db", db, "--json")).Json.GetProperty("total").GetInt32().Should().Be(1, "refused replies store nothing");

        var verify = await Cli.RunProcessAsync(stores.Directory, "verify", "--db", db, "--json");
        verify.ExitCode.Should().Be(0, verify.ToString());
    }

    [Fact]
    public async Task A_reply_by_date_that_is_not_a_date_is_bad_usage()
    {
        var db = stores.Copy("a", "consult-bad.db");
        var run = await Cli.RunInProcessAsync("refer", "--db", db, "--file", "x", "--to", "OFF0001-HOO", "--question", "q", "--reply-by", "next week",
            "--officer", "o-adm01", "--credential", stores.Credential("a", "o-adm01"));
        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("--reply-by 'next week'");
    }

    private static async Task<CliRun> Ok(params string[] args)
    {
        var run = await Cli.RunInProcessAsync(args);
        run.ExitCode.Should().Be(0, run.ToString());
        return run;
    }
}
