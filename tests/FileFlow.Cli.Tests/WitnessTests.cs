using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Signing.Certificates;
using FileFlow.Sqlite;

namespace FileFlow.Cli.Tests;

/// <summary>Issue 15: checkpoints are kept append-only in the checkpoint log (<c>&lt;db&gt;.checkpoints/</c>) and witnessed; with a witnessed checkpoint,
/// verification detects deletion and rollback even by an insider who holds the store's own log key.</summary>
public sealed class WitnessTests(WitnessedStore fixture) : IClassFixture<WitnessedStore>
{
    [Fact]
    public async Task Simulate_keeps_the_first_and_final_checkpoints_in_the_checkpoint_log_and_verify_checks_against_its_latest()
    {
        var office = fixture.Copy("log");

        System.IO.Directory.EnumerateFiles(office.CheckpointLog).Select(Path.GetFileName).Order()
            .Should().Equal("00000001.checkpoint.txt", "00000002.checkpoint.txt", "00000002.consistency.txt");
        SignedCheckpoint.Parse(await File.ReadAllTextAsync(Path.Combine(office.CheckpointLog, "00000001.checkpoint.txt"))).Checkpoint.TreeSize.Should().Be(0);
        (await File.ReadAllTextAsync(Path.Combine(office.CheckpointLog, "00000002.checkpoint.txt"))).Should().Be(await File.ReadAllTextAsync(office.Db + ".checkpoint.txt"));

        var run = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        var checkpoint = run.Json.GetProperty("checkpoint");
        checkpoint.GetProperty("source").GetString().Should().StartWith("checkpoint log");
        checkpoint.GetProperty("laterRecords").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Records_appended_after_the_checkpoint_are_counted_and_reported()
    {
        var office = fixture.Copy("later");
        var first = Path.Combine(office.CheckpointLog, "00000001.checkpoint.txt");

        var json = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--checkpoint", first, "--json");
        var text = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--checkpoint", first);

        json.ExitCode.Should().Be(0, json.ToString());
        var records = json.Json.GetProperty("records").GetInt64();
        records.Should().BePositive();
        json.Json.GetProperty("checkpoint").GetProperty("laterRecords").GetInt64().Should().Be(records);
        text.Stdout.Should().Contain($"{records:N0} later records are not yet in a signed checkpoint");
    }

    [Fact]
    public async Task Checkpoint_sign_appends_a_consistent_checkpoint_and_refuses_a_rollback_with_exit_1()
    {
        var office = fixture.Copy("sign");

        var signed = await Cli.RunInProcessAsync("checkpoint", "sign", "--db", office.Db, "--signer", office.LogCredential);

        signed.ExitCode.Should().Be(0, signed.ToString());
        signed.Stdout.Should().Contain("00000003.checkpoint.txt");
        File.Exists(Path.Combine(office.CheckpointLog, "00000003.consistency.txt")).Should().BeTrue();
        SignedCheckpoint.Parse(await File.ReadAllTextAsync(office.Db + ".checkpoint.txt")).Checkpoint.Heads.Should().NotBeNull("'checkpoint sign' commits to the document heads");
        (await Cli.RunInProcessAsync("verify", "--db", office.Db)).ExitCode.Should().Be(0);

        await StoreSurgery.DropLastRecordsAsync(office.Db, 3);
        var sidecar = await File.ReadAllTextAsync(office.Db + ".checkpoint.txt");
        var refused = await Cli.RunInProcessAsync("checkpoint", "sign", "--db", office.Db, "--signer", office.LogCredential);

        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Stderr.Trim().Should().StartWith("fileflow: refused:").And.Contain("rolled back");
        System.IO.Directory.EnumerateFiles(office.CheckpointLog, "*.checkpoint.txt").Should().HaveCount(3);
        (await File.ReadAllTextAsync(office.Db + ".checkpoint.txt")).Should().Be(sidecar);
    }

    [Fact]
    public async Task Checkpoint_commands_refuse_a_credential_without_their_role_as_bad_usage()
    {
        var office = fixture.Copy("roles");

        var sign = await Cli.RunInProcessAsync("checkpoint", "sign", "--db", office.Db, "--signer", office.WitnessCredential);
        var witness = await Cli.RunInProcessAsync("checkpoint", "witness", "--db", office.Db, "--witness", office.LogCredential, "--state", office.WitnessState, "--out", office.Vault("w.txt"));

        sign.ExitCode.Should().Be(2, sign.ToString());
        sign.Stderr.Should().Contain("does not state the Log role");
        witness.ExitCode.Should().Be(2, witness.ToString());
        witness.Stderr.Should().Contain("does not state the Witness role");
        File.Exists(office.Vault("w.txt")).Should().BeFalse();
    }

    [Fact]
    public async Task A_witnessed_checkpoint_verifies_with_the_witness_pinned()
    {
        var office = fixture.Copy("witnessed");

        var witnessed = await WitnessAsync(office, "w1.txt");
        var run = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--witnessed", witnessed, "--witness-cert", WitnessCertificate(office), "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json.GetProperty("checkpoint").GetProperty("source").GetString().Should().StartWith("witnessed checkpoint");
        WitnessedCheckpoint.Parse(await File.ReadAllTextAsync(witnessed)).Cosignatures.Should().ContainSingle();
    }

    [Fact]
    public async Task Insider_with_the_log_key_deletes_a_noting_and_re_makes_log_and_checkpoint_which_fails_against_the_witnessed_checkpoint()
    {
        var office = fixture.Copy("insider-delete");
        var witnessed = await WitnessAsync(office, "w1.txt");
        var state = await File.ReadAllTextAsync(System.IO.Directory.EnumerateFiles(office.WitnessState).Single());

        // The insider deletes a noting's records and head, closes the gap in the log, and re-makes the checkpoint log and checkpoint with the genuine log key.
        await StoreSurgery.DeleteOneNotingAsync(office.Db);
        await RemakeCheckpointsWithTheLogKeyAsync(office);

        // Without the witness, the re-made checkpoint holds: the log key alone vouches for what its holder likes.
        var unwitnessed = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--json");
        unwitnessed.Json.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeTrue(unwitnessed.ToString());

        var run = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--witnessed", witnessed, "--json");
        var refused = await Cli.RunInProcessAsync("checkpoint", "witness", "--db", office.Db, "--witness", office.WitnessCredential, "--state", office.WitnessState, "--out", office.Vault("w2.txt"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json.GetProperty("checkpoint").GetProperty("valid").GetBoolean().Should().BeFalse();
        run.Json.GetProperty("checkpoint").GetProperty("reason").GetString().Should().Contain("witnessed checkpoint").And.Contain("records were deleted");
        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Stderr.Should().StartWith("fileflow: refused to witness:");
        File.Exists(office.Vault("w2.txt")).Should().BeFalse();
        (await File.ReadAllTextAsync(System.IO.Directory.EnumerateFiles(office.WitnessState).Single())).Should().Be(state, "the witness keeps the last checkpoint it countersigned");
    }

    [Fact]
    public async Task Insider_with_the_log_key_rolls_the_store_back_to_an_earlier_state_which_fails_against_the_witnessed_checkpoint()
    {
        var office = fixture.Copy("insider-rollback");
        var witnessed = await WitnessAsync(office, "w1.txt");

        // An earlier snapshot of an append-only log is a prefix of it: the last records are gone, the checkpoints re-made with the log key.
        await StoreSurgery.DropLastRecordsAsync(office.Db, 5);
        await RemakeCheckpointsWithTheLogKeyAsync(office);

        var run = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--witnessed", witnessed, "--json");
        var refused = await Cli.RunInProcessAsync("checkpoint", "witness", "--db", office.Db, "--witness", office.WitnessCredential, "--state", office.WitnessState, "--out", office.Vault("w2.txt"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json.GetProperty("checkpoint").GetProperty("reason").GetString().Should().Contain("rolled back");
        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Stderr.Should().Contain("rolled back");
    }

    [Fact]
    public async Task A_checkpoint_countersigned_with_the_log_key_itself_is_not_witnessed()
    {
        var office = fixture.Copy("self-witnessed");
        var log = Sidecars.LoadServiceCredential(office.LogCredential, ServiceRole.Log, "--signer");
        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(Sidecars.LoadCertificate(office.Db + ".root.pem"));
        var own = await new CheckpointWitness(log.CreateSigner(), office.Vault("own-state"), new LogVerifier(new CertificateCheckpointVerifier(trust)), TimeProvider.System)
            .WitnessAsync(SignedCheckpoint.Parse(await File.ReadAllTextAsync(office.Db + ".checkpoint.txt")), null);
        await File.WriteAllTextAsync(office.Vault("own.txt"), own.ToText());

        var run = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--witnessed", office.Vault("own.txt"), "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json.GetProperty("checkpoint").GetProperty("reason").GetString().Should().Contain("WrongRole").And.Contain("Witness role");
    }

    [Fact]
    public async Task Witnessed_options_are_refused_as_bad_usage_with_file_or_with_checkpoint()
    {
        var office = fixture.Copy("usage");
        var checkpoint = office.Db + ".checkpoint.txt";

        var withFile = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--file", "1", "--witnessed", checkpoint);
        var withCheckpoint = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--checkpoint", checkpoint, "--witnessed", checkpoint);
        var pinOnly = await Cli.RunInProcessAsync("verify", "--db", office.Db, "--witness-cert", checkpoint);

        withFile.ExitCode.Should().Be(2, withFile.ToString());
        withCheckpoint.ExitCode.Should().Be(2, withCheckpoint.ToString());
        withCheckpoint.Stderr.Should().Contain("not both");
        pinOnly.ExitCode.Should().Be(2, pinOnly.ToString());
    }

    private static async Task<string> WitnessAsync(WitnessedStore.Office office, string name)
    {
        var run = await Cli.RunInProcessAsync("checkpoint", "witness", "--db", office.Db, "--witness", office.WitnessCredential, "--state", office.WitnessState, "--out", office.Vault(name));
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("the first this witness saw of the log");
        return office.Vault(name);
    }

    private static string WitnessCertificate(WitnessedStore.Office office)
    {
        var path = office.Vault("witness.pem");
        File.WriteAllText(path, Sidecars.LoadServiceCredential(office.WitnessCredential, ServiceRole.Witness, "--witness").Certificate.ExportCertificatePem());
        return path;
    }

    /// <summary>What an insider with the log key does after changing the store: a fresh checkpoint log and sidecar that match the changed store.</summary>
    private static async Task RemakeCheckpointsWithTheLogKeyAsync(WitnessedStore.Office office)
    {
        var log = Sidecars.LoadServiceCredential(office.LogCredential, ServiceRole.Log, "--signer");
        System.IO.Directory.Delete(office.CheckpointLog, recursive: true);
        var sqlite = await SqliteDocumentStore.OpenAsync(office.Db);
        await using (sqlite)
        {
            var checkpoint = await MerkleLog.CreateCheckpointAsync(sqlite, "fileflow-simulation/log", log.CreateSigner(), TimeProvider.System);
            await File.WriteAllTextAsync(office.Db + ".checkpoint.txt", checkpoint.ToText());
            var trust = new CertificateTrustOptions();
            trust.TrustAnchors.Add(Sidecars.LoadCertificate(office.Db + ".root.pem"));
            await new CheckpointLog(office.CheckpointLog, new LogVerifier(new CertificateCheckpointVerifier(trust))).AppendAsync(checkpoint, null);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
