using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Sqlite;

namespace FileFlow.Cli.Tests;

/// <summary>Issue 15: an insider with write access to the database and every file beside it (the export key among them) cannot make history that verifies
/// against the genuine root: (a) the export key cannot sign as the system actor, (b) an edited organisation fails, (c) a re-made log key and checkpoint fail.</summary>
public sealed class InsiderAttackTests(SimulatedStore store) : IClassFixture<SimulatedStore>
{
    private static OfficerCredential ExportKey(string db) => OfficerCredential.LoadPkcs12(db + ".export.pfx", Sidecars.DevelopmentExportPassword);

    [Fact]
    public async Task Attack_a_an_escalation_signed_with_the_export_key_as_the_system_actor_fails_naming_the_System_role()
    {
        var db = store.Copy("attack-a.db");
        var signers = new SignerRegistry();
        signers.Register(CertificateSigners.SystemOfficer, ExportKey(db).CreateSigner());
        var chart = OrganisationFile.Load(db + ".org.json").ToChart();
        var sqlite = await SqliteDocumentStore.OpenAsync(db);
        await using (sqlite)
        {
            var clock = new FixedClock(SimulationOptions.DefaultStart.AddDays(400));
            var engine = new FileFlowEngine(sqlite, signers, chart, new FileFlowEngineOptions { TimeProvider = clock, Services = ServiceCatalog.LoadDefaults() });
            var escalated = await engine.EscalateOverdueAsync();
            escalated.Should().NotBeEmpty("the insider's escalations landed in the store");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var run = await Cli.RunInProcessAsync("verify", "--db", db, "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        var failure = run.Json.GetProperty("failures")[0].GetProperty("reason").GetString();
        failure.Should().Contain("WrongRole").And.Contain("System role").And.Contain("Export role");
    }

    [Fact]
    public async Task Attack_b_an_organisation_with_an_added_assignment_fails_naming_the_organisation_file()
    {
        var db = store.Copy("attack-b.db");
        var organisation = db + ".org.json";
        System.IO.Directory.EnumerateFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*.pfx").Select(Path.GetFileName).Should().Equal(["attack-b.db.export.pfx"],
            "no organisation key sits beside the store, so the insider cannot re-sign the edited organisation");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(organisation))!;
        json["assignments"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"officer":"fileflow-export","post":"ADM01","from":"2023-04-01T00:00:00+00:00"}"""));
        await File.WriteAllTextAsync(organisation, json.ToJsonString());

        var run = await Cli.RunInProcessAsync("verify", "--db", db);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.Should().Contain($"organisation '{organisation}' is not vouched for").And.Contain("Invalid");
    }

    [Fact]
    public async Task Attack_b_an_organisation_re_signed_with_the_export_key_fails_naming_the_Organisation_role()
    {
        var db = store.Copy("attack-b2.db");
        var organisation = db + ".org.json";
        await OrganisationSignature.SignAsync(organisation, ExportKey(db).CreateSigner(), SimulationOptions.DefaultStart, CancellationToken.None);

        var run = await Cli.RunInProcessAsync("verify", "--db", db);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.Should().Contain(organisation).And.Contain("Organisation role");
    }

    [Fact]
    public async Task An_unsigned_organisation_fails_unless_allowed_explicitly()
    {
        var db = store.Copy("unsigned-org.db");
        File.Delete(db + ".org.json.p7s");

        var refused = await Cli.RunInProcessAsync("verify", "--db", db);
        var allowed = await Cli.RunInProcessAsync("verify", "--db", db, "--allow-unsigned-org");

        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Stderr.Should().Contain("is unsigned").And.Contain("--allow-unsigned-org");
        allowed.ExitCode.Should().Be(0, allowed.ToString());
        allowed.Stderr.Should().Contain("warning").And.Contain("--allow-unsigned-org");
    }

    [Fact]
    public async Task A_bundle_checked_with_an_edited_organisation_fails_naming_it()
    {
        var db = store.Copy("bundle-org.db");
        var bundle = Path.Combine(store.Directory, "bundle-org");
        var number = await AnyFileNumberAsync(db);
        (await Cli.RunInProcessAsync("export", "--db", db, "--file", number, "--out", bundle)).ExitCode.Should().Be(0);
        var genuine = await Cli.RunInProcessAsync("verify", "--bundle", bundle, "--root", db + ".root.pem", "--org", db + ".org.json");
        await File.AppendAllTextAsync(db + ".org.json", " ");

        var edited = await Cli.RunInProcessAsync("verify", "--bundle", bundle, "--root", db + ".root.pem", "--org", db + ".org.json");

        genuine.ExitCode.Should().Be(0, genuine.ToString());
        edited.ExitCode.Should().Be(1, edited.ToString());
        edited.Stderr.Should().Contain(db + ".org.json");
    }

    [Fact]
    public async Task Attack_c_a_log_key_and_checkpoint_re_made_after_dropping_the_last_record_fail_against_the_genuine_root()
    {
        var db = store.Copy("attack-c.db");
        await DropLastRecordAsync(db);
        var forgedRoot = DevelopmentCertificateAuthority.CreateRoot("FileFlow Simulation Root CA", SimulationOptions.DefaultStart.AddYears(-5), SimulationOptions.DefaultStart.AddYears(20));
        var forgedLog = forgedRoot.IssueServiceCertificate(ServiceRole.Log, new OfficerCertificateRequest
        {
            Officer = new OfficerId("fileflow-log"),
            Name = "FileFlow log",
            NotBefore = SimulationOptions.DefaultStart.AddYears(-1),
            NotAfter = SimulationOptions.DefaultStart.AddYears(10),
        });
        await RemakeCheckpointAsync(db, forgedLog.CreateSigner(), forgedLog.Certificate.ExportCertificatePem());

        var run = await Cli.RunInProcessAsync("verify", "--db", db, "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        var checkpoint = run.Json.GetProperty("checkpoint");
        checkpoint.GetProperty("valid").GetBoolean().Should().BeFalse();
        checkpoint.GetProperty("reason").GetString().Should().Contain("Untrusted").And.Contain("log certificate is not acceptable");
    }

    [Fact]
    public async Task Attack_c_a_checkpoint_re_made_with_the_export_key_fails_naming_the_Log_role()
    {
        var db = store.Copy("attack-c2.db");
        await DropLastRecordAsync(db);
        var export = ExportKey(db);
        await RemakeCheckpointAsync(db, export.CreateSigner(), export.Certificate.ExportCertificatePem());

        var run = await Cli.RunInProcessAsync("verify", "--db", db, "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json.GetProperty("checkpoint").GetProperty("reason").GetString().Should().Contain("WrongRole").And.Contain("Log role");
    }

    [Fact]
    public async Task Attack_c_a_bare_log_key_re_made_beside_the_store_is_refused_as_certified_by_nobody()
    {
        var db = store.Copy("attack-c3.db");
        await DropLastRecordAsync(db);
        var key = SoftwareKey.Generate("insider-log", SignatureAlgorithms.Ed25519);
        var bare = System.Text.Json.JsonSerializer.Serialize(new LogKeyFile("fileflow-simulation/log", key.KeyId, key.Algorithm, Convert.ToBase64String(key.PublicKeyInfo.Span)), CliContext.Json);
        await RemakeCheckpointAsync(db, key.CreateSigner(), bare);

        var run = await Cli.RunInProcessAsync("verify", "--db", db, "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json.GetProperty("checkpoint").GetProperty("reason").GetString().Should().Contain("bare key that the root does not certify");
    }

    [Fact]
    public async Task The_log_key_sidecar_is_a_certificate_with_the_Log_role_and_no_private_key()
    {
        var pem = await File.ReadAllTextAsync(store.Db + ".log.pem");
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);

        pem.Should().NotContain("PRIVATE KEY");
        ServiceRoleUsage.RolesOf(certificate).Should().Equal(ServiceRole.Log);
        ServiceRoleUsage.RolesOf(ExportKey(store.Db).Certificate).Should().Equal(ServiceRole.Export);
        System.IO.Directory.EnumerateFiles(store.Directory, "sim.db*").Select(f => File.ReadAllText(f, System.Text.Encoding.Latin1))
            .Should().NotContain(t => t.Contains("PRIVATE KEY", StringComparison.Ordinal), "the root CA's and the log's private keys are written nowhere");
    }

    private static async Task<string> AnyFileNumberAsync(string db)
    {
        var files = await Cli.RunInProcessAsync("files", "--db", db, "--state", "Closed", "--limit", "1", "--json");
        files.ExitCode.Should().Be(0, files.ToString());
        return files.Json.GetProperty("items")[0].GetProperty("fileNumber").GetString()!;
    }

    private static async Task DropLastRecordAsync(string db)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM records WHERE position = (SELECT MAX(position) FROM records)";
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private static async Task RemakeCheckpointAsync(string db, ISigner signer, string logKeyFile)
    {
        var sqlite = await SqliteDocumentStore.OpenAsync(db);
        await using (sqlite)
        {
            var checkpoint = await MerkleLog.CreateCheckpointAsync(sqlite, "fileflow-simulation/log", signer, new FixedClock(SimulationOptions.DefaultStart.AddDays(95)));
            await File.WriteAllTextAsync(db + ".checkpoint.txt", checkpoint.ToText());
        }

        await File.WriteAllTextAsync(db + ".log.pem", logKeyFile);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
