namespace FileFlow.Cli.Tests;

/// <summary>Issue 15: a store is checked against a trusted checkpoint, or verification says it is unanchored and fails unless told otherwise.</summary>
public sealed class AnchorTests(SimulatedStore store) : IClassFixture<SimulatedStore>
{
    [Theory]
    [InlineData(".checkpoint.txt", "no checkpoint at")]
    [InlineData(".logkey.json", "no log key at")]
    public async Task A_store_without_its_checkpoint_or_log_key_is_unanchored_and_fails(string sidecar, string reason)
    {
        var db = store.Copy("unanchored" + sidecar.Length + ".db");
        File.Delete(db + sidecar);

        var run = await Cli.RunInProcessAsync("verify", "--db", db);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stdout.Should().Contain("UNANCHORED").And.Contain(reason).And.Contain("--allow-unanchored");
        run.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("fileflow: unanchored: " + reason);
    }

    [Fact]
    public async Task Allow_unanchored_accepts_records_that_hold_and_the_json_says_unanchored()
    {
        var db = store.Copy("allowed.db");
        File.Delete(db + ".checkpoint.txt");

        var run = await Cli.RunInProcessAsync("verify", "--db", db, "--allow-unanchored", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json.GetProperty("valid").GetBoolean().Should().BeTrue();
        run.Json.GetProperty("checkpoint").GetProperty("unanchored").GetBoolean().Should().BeTrue();
        run.Json.GetProperty("checkpoint").GetProperty("allowed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_checkpoint_and_log_key_kept_away_from_the_store_anchor_it_when_the_sidecars_are_gone()
    {
        var db = store.Copy("kept.db");
        var vault = Directory.CreateTempSubdirectory("fileflow-vault-").FullName;
        try
        {
            File.Move(db + ".checkpoint.txt", Path.Combine(vault, "checkpoint.txt"));
            File.Move(db + ".logkey.json", Path.Combine(vault, "logkey.json"));

            var run = await Cli.RunInProcessAsync("verify", "--db", db, "--checkpoint", Path.Combine(vault, "checkpoint.txt"), "--log-key", Path.Combine(vault, "logkey.json"), "--json");

            run.ExitCode.Should().Be(0, run.ToString());
            run.Json.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeTrue();
            run.Json.GetProperty("checkpoint").GetProperty("unanchored").GetBoolean().Should().BeFalse();
        }
        finally
        {
            Directory.Delete(vault, recursive: true);
        }
    }

    [Fact]
    public async Task A_kept_checkpoint_with_more_records_than_the_store_fails_as_a_rollback()
    {
        var db = store.Copy("rolled.db");
        var checkpoint = await File.ReadAllLinesAsync(db + ".checkpoint.txt");
        var kept = Path.Combine(store.Directory, "kept-larger-checkpoint.txt");
        // A checkpoint of a larger tree, signed by some other key: refused either way, never accepted as an anchor.
        checkpoint[2] = (long.Parse(checkpoint[2], System.Globalization.CultureInfo.InvariantCulture) + 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllLinesAsync(kept, checkpoint);

        var run = await Cli.RunInProcessAsync("verify", "--db", db, "--checkpoint", kept);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stdout.Should().Contain("Merkle checkpoint: FAILED");
    }

    [Fact]
    public async Task Checkpoint_options_with_file_are_refused_as_bad_usage()
    {
        var run = await Cli.RunInProcessAsync("verify", "--db", store.Db, "--file", "1", "--checkpoint", store.Db + ".checkpoint.txt");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("leave out --file");
    }
}
