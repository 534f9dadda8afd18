using System.IO.Compression;

namespace FileFlow.Cli.Tests;

/// <summary>Files that cross instances, through the tool only: two simulated stores named as instances, files sent A→B and back, dispatched to a shared
/// folder and received, with both stores (and the combined history) verifying.</summary>
public sealed class InstanceCliTests(OfficerStores stores) : IClassFixture<OfficerStores>
{
    private const string SectionOfficer = "OFF0001-EST-SO";

    [Fact]
    public async Task Files_sent_both_ways_through_the_cli_arrive_once_tampering_is_refused_and_both_sides_verify()
    {
        var a = stores.Copy("a", "ta.db");
        var b = stores.Copy("b", "tb.db");
        var trust = Path.Combine(stores.Directory, "trust-t");
        var exchange = Path.Combine(stores.Directory, "exchange-t");
        await Ok("instance", "init", "--db", a, "--name", "dist-a", "--trust-dir", trust);
        await Ok("instance", "init", "--db", b, "--name", "secr-b", "--trust-dir", trust);
        File.Exists(Path.Combine(trust, "dist-a.root.pem")).Should().BeTrue();
        File.Exists(Path.Combine(trust, "secr-b.log.pem")).Should().BeTrue();

        var files = (await Ok("files", "--db", a, "--state", "Forwarded", "--json")).Json.GetProperty("items").EnumerateArray().Take(3)
            .Select(f => (Document: f.GetProperty("document").GetString()!, Holder: f.GetProperty("holder").GetString()!, Number: f.GetProperty("fileNumber").GetString()!)).ToList();
        files.Should().HaveCount(3);
        foreach (var (document, holder, _) in files)
        {
            var officer = "o-" + holder.ToLowerInvariant();
            await Ok("instance", "send", "--db", a, "--file", document, "--to-instance", "secr-b", "--to-post", SectionOfficer,
                "--officer", officer, "--credential", stores.Credential("a", officer));
        }

        var dispatched = await Ok("instance", "dispatch", "--db", a, "--exchange", exchange, "--log-signer", Path.Combine(stores.Vault("a"), "log.pfx"), "--json");
        dispatched.Json.GetProperty("delivered").GetInt32().Should().Be(3);
        (await Ok("instance", "dispatch", "--db", a, "--exchange", exchange, "--log-signer", Path.Combine(stores.Vault("a"), "log.pfx"), "--json"))
            .Json.GetProperty("delivered").GetInt32().Should().Be(0, "a second dispatch delivers nothing twice");

        var inbox = Path.Combine(exchange, "secr-b");
        string BundleOf(string document) => Directory.GetFiles(inbox, document + "-*.zip").Single();
        var replay = Path.Combine(stores.Directory, "replay-t.zip");
        File.Copy(BundleOf(files[1].Document), replay);
        var tampered = BundleOf(files[2].Document);
        Tamper(tampered, files[2].Document);

        var received = await Cli.RunInProcessAsync("instance", "receive", "--db", b, "--exchange", exchange, "--trusted-instances", trust,
            "--system-signer", Path.Combine(stores.Vault("b"), "system.pfx"));
        received.ExitCode.Should().Be(1, "a refused bundle is a bad thing checked: " + received);
        received.Stdout.Should().Contain("Received 2 file(s)");
        received.Stderr.Should().Contain($"document {files[2].Document} record 0");
        File.Exists(Path.Combine(inbox, "rejected", Path.GetFileName(tampered))).Should().BeTrue("the refused bundle is moved aside");
        (await Cli.RunInProcessAsync("history", "--db", b, "--file", files[2].Document)).ExitCode.Should().Be(2, "nothing of the tampered file is stored");

        // Both simulations number their files alike: a number two files share at B is refused, never resolved silently.
        var alike = (await Ok("files", "--db", b, "--search", files[0].Number, "--json")).Json.GetProperty("items").EnumerateArray()
            .Count(f => f.GetProperty("fileNumber").GetString() == files[0].Number);
        alike.Should().Be(2, "seeds 7 and 8 both number a file " + files[0].Number);
        var byNumber = await Cli.RunInProcessAsync("history", "--db", b, "--file", files[0].Number, "--json");
        byNumber.ExitCode.Should().Be(2, byNumber.ToString());
        byNumber.Stderr.Should().Contain("give the document id").And.Contain(files[0].Document);

        var before = (await Ok("verify", "--db", b, "--trusted-instances", trust, "--json")).Json.GetProperty("records").GetInt64();
        File.Copy(replay, Path.Combine(inbox, Path.GetFileName(replay)));
        var again = await Ok("instance", "receive", "--db", b, "--exchange", exchange, "--trusted-instances", trust,
            "--system-signer", Path.Combine(stores.Vault("b"), "system.pfx"), "--json");
        again.Json.GetProperty("received").EnumerateArray().Single().GetProperty("alreadyReceived").GetBoolean().Should().BeTrue();
        (await Ok("verify", "--db", b, "--trusted-instances", trust, "--json")).Json.GetProperty("records").GetInt64().Should().Be(before, "a repeated delivery applies once");

        // B sends the first file back to the post that held it at A; A continues the same history.
        var soOfficer = "o-" + SectionOfficer.ToLowerInvariant();
        await Ok("instance", "send", "--db", b, "--file", files[0].Document, "--to-instance", "dist-a", "--to-post", files[0].Holder,
            "--officer", soOfficer, "--credential", stores.Credential("b", soOfficer));
        await Ok("instance", "dispatch", "--db", b, "--exchange", exchange, "--log-signer", Path.Combine(stores.Vault("b"), "log.pfx"));
        var back = await Ok("instance", "receive", "--db", a, "--exchange", exchange, "--trusted-instances", trust,
            "--system-signer", Path.Combine(stores.Vault("a"), "system.pfx"), "--json");
        var receipt = back.Json.GetProperty("received").EnumerateArray().Single();
        receipt.GetProperty("fromInstance").GetString().Should().Be("secr-b");
        receipt.GetProperty("imported").GetInt32().Should().Be(2, "B's receipt and its send come back");
        var history = await Ok("history", "--db", a, "--file", files[0].Document, "--json");
        history.Stdout.Should().Contain("ReceiveFromInstance");

        foreach (var db in new[] { a, b })
        {
            var verify = await Cli.RunProcessAsync(stores.Directory, "verify", "--db", db, "--trusted-instances", trust, "--json");
            verify.ExitCode.Should().Be(0, verify.ToString());
            verify.Json.GetProperty("valid").GetBoolean().Should().BeTrue();
        }

        var untrusting = await Cli.RunProcessAsync(stores.Directory, "verify", "--db", a, "--json");
        untrusting.ExitCode.Should().Be(1, "without B's root, the records made at B do not verify at A: " + untrusting);
    }

    [Fact]
    public async Task Acting_with_a_credential_that_is_not_the_officers_or_not_under_the_stores_root_is_refused_and_stores_nothing()
    {
        var a = stores.Copy("a", "ca.db");
        var file = (await Ok("files", "--db", a, "--state", "Forwarded", "--json")).Json.GetProperty("items")[0];
        var document = file.GetProperty("document").GetString()!;
        var officer = "o-" + file.GetProperty("holder").GetString()!.ToLowerInvariant();
        var send = new[] { "instance", "send", "--db", a, "--file", document, "--to-instance", "secr-b", "--to-post", SectionOfficer, "--officer", officer };

        var unnamed = await Cli.RunInProcessAsync([.. send, "--credential", stores.Credential("a", officer)]);
        unnamed.ExitCode.Should().Be(2);
        unnamed.Stderr.Should().Contain("instance init");

        await Ok("instance", "init", "--db", a, "--name", "dist-a", "--trust-dir", Path.Combine(stores.Directory, "trust-c"));
        var renamed = await Cli.RunInProcessAsync("instance", "init", "--db", a, "--name", "other", "--trust-dir", Path.Combine(stores.Directory, "trust-c"));
        renamed.ExitCode.Should().Be(2);
        renamed.Stderr.Should().Contain("already instance 'dist-a'");

        var someoneElse = await Cli.RunInProcessAsync([.. send, "--credential", stores.Credential("a", "o-adm01")]);
        someoneElse.ExitCode.Should().Be(2);
        someoneElse.Stderr.Should().Contain($"not '{officer}''s");

        var otherRoot = await Cli.RunInProcessAsync([.. send, "--credential", stores.Credential("b", officer)]);
        otherRoot.ExitCode.Should().Be(2);
        otherRoot.Stderr.Should().Contain("cannot sign for this store").And.Contain("Untrusted");

        var service = await Cli.RunInProcessAsync([.. send, "--credential", Path.Combine(stores.Vault("a"), "system.pfx")]);
        service.ExitCode.Should().Be(2);
        service.Stderr.Should().Contain("service");

        var history = await Ok("history", "--db", a, "--file", document, "--json");
        history.Stdout.Should().NotContain("SendToInstance", "a refused command stores nothing");
    }

    [Fact]
    public async Task Receiving_without_a_readable_trusted_instances_folder_is_bad_usage()
    {
        var b = stores.Copy("b", "ua.db");
        await Ok("instance", "init", "--db", b, "--name", "secr-b", "--trust-dir", Path.Combine(stores.Directory, "trust-u"));
        var run = await Cli.RunInProcessAsync("instance", "receive", "--db", b, "--exchange", Path.Combine(stores.Directory, "exchange-u"),
            "--trusted-instances", Path.Combine(stores.Directory, "no-such-folder"), "--system-signer", Path.Combine(stores.Vault("b"), "system.pfx"));
        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("no-such-folder");
    }

    private static async Task<CliRun> Ok(params string[] args)
    {
        var run = await Cli.RunInProcessAsync(args);
        run.ExitCode.Should().Be(0, run.ToString());
        return run;
    }

    /// <summary>Flips one byte of the file's first record inside the bundle, as a courier or an insider on the shared folder might.</summary>
    private static void Tamper(string bundle, string document)
    {
        using var zip = ZipFile.Open(bundle, ZipArchiveMode.Update);
        var entry = zip.GetEntry($"records/{document}/0.bin")!;
        byte[] bytes;
        using (var stream = entry.Open())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }

        entry.Delete();
        bytes[^3] ^= 0x20;
        using var written = zip.CreateEntry($"records/{document}/0.bin").Open();
        written.Write(bytes);
    }
}
