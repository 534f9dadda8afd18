namespace FileFlow.Cli.Tests;

/// <summary>Every command answers <c>--help</c> with its usage and exit code 0; the root help states the store options and exit codes.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("simulate", "--files")]
    [InlineData("verify", "--bundle")]
    [InlineData("files", "--state")]
    [InlineData("inbox", "--officer")]
    [InlineData("history", "--file")]
    [InlineData("pending", "--overdue")]
    [InlineData("services", "--json")]
    [InlineData("graph", "--format")]
    [InlineData("export", "--out")]
    [InlineData("copy", "--withhold")]
    [InlineData("verify", "--copy")]
    [InlineData("bench", "--json")]
    [InlineData("report", "--out")]
    [InlineData("refer", "--reply-by")]
    [InlineData("reply", "--referral")]
    [InlineData("referrals", "--post")]
    public async Task Help_of_each_command_exits_zero_and_shows_its_usage(string command, string option)
    {
        var run = await Cli.RunInProcessAsync(command, "--help");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain($" {command} [options]").And.Contain(option);
        run.Stderr.Should().BeEmpty();
    }

    [Theory]
    [InlineData("instance", "init", "--trust-dir")]
    [InlineData("instance", "send", "--to-instance")]
    [InlineData("instance", "dispatch", "--log-signer")]
    [InlineData("instance", "receive", "--trusted-instances")]
    [InlineData("paper", "import", "--metadata")]
    public async Task Help_of_each_subcommand_exits_zero_and_shows_its_usage(string group, string command, string option)
    {
        var run = await Cli.RunInProcessAsync(group, command, "--help");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain($" {group} {command} [options]").And.Contain(option);
        run.Stderr.Should().BeEmpty();
    }

    [Theory]
    [InlineData("refer")]
    [InlineData("reply")]
    [InlineData("instance", "send")]
    [InlineData("paper", "import")]
    public async Task Commands_that_act_as_an_officer_take_the_officer_and_credential_and_keep_the_password_off_the_command_line(params string[] command)
    {
        var run = await Cli.RunInProcessAsync([.. command, "--help"]);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("--officer <ID>").And.Contain("--credential <PFX>").And.Contain("FILEFLOW_CREDENTIAL_PASSWORD");
    }

    [Fact]
    public async Task Root_help_names_the_store_options_and_the_exit_codes()
    {
        var run = await Cli.RunInProcessAsync("--help");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("--postgres").And.Contain("--state-dir").And.Contain("Exit codes").And.Contain("export");
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("verify")]
    [InlineData("files")]
    [InlineData("inbox")]
    [InlineData("history")]
    [InlineData("pending")]
    [InlineData("export")]
    [InlineData("copy")]
    [InlineData("report")]
    public async Task Every_store_command_takes_the_postgresql_options(string command)
    {
        var run = await Cli.RunInProcessAsync(command, "--help");

        run.Stdout.Should().Contain("--postgres <CONNECTION>").And.Contain("--schema <NAME>").And.Contain("--state-dir <DIR>");
    }
}
