using System.CommandLine;
using System.Diagnostics;
using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Documents;
using FileFlow.Services;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;
using Spectre.Console;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow verify</c>: re-checks every record (chain, signatures against the root, machine, authority, heads) and the Merkle checkpoint, or an exported bundle; exit 1 when anything is bad.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var file = new Option<string?>("--file") { Description = "Verify one file (and its notings and receipts) by file number", HelpName = "NUMBER" };
        var bundle = new Option<string?>("--bundle") { Description = "Verify an exported bundle (folder or .zip) offline instead of a store, trusting only the root certificate", HelpName = "PATH" };
        var copy = new Option<string?>("--copy") { Description = "Verify a certified copy folder ('fileflow copy' wrote it) offline instead of a store, trusting only the root certificate", HelpName = "DIR" };
        var root = new Option<string?>("--root") { Description = "The trusted root certificate (PEM); default the store's sidecar <db>.root.pem", HelpName = "PEM" };
        var org = new Option<string?>("--org") { Description = "The organisation chart (JSON); default <db>.org.json for a store; for a bundle, checks each actor's authority only when given", HelpName = "JSON" };
        var logKey = new Option<string?>("--log-key")
        {
            Description = "The log certificate (PEM, certified by the root with the Log role) or a bare log key (JSON) a checkpoint must be signed with: keep a copy away from the store; "
                + "default the store's sidecar <db>.log.pem, which must be a certificate (with --bundle, only when --root is not given)",
            HelpName = "FILE",
        };
        var checkpointOption = new Option<string?>("--checkpoint") { Description = "A signed checkpoint kept away from the store (published, witnessed or archived) that the store must still contain; default the sidecar <db>.checkpoint.txt", HelpName = "FILE" };
        var witnessed = new Option<string?>("--witnessed")
        {
            Description = "A witnessed checkpoint ('checkpoint witness' wrote it, kept by the witness or away from the store): its witness's cosignature must verify "
                + "(a Witness-role certificate under the root), then the store must still contain it; detects deletion and rollback even by whoever holds the log key",
            HelpName = "FILE",
        };
        var witnessCert = new Option<string?>("--witness-cert") { Description = "With --witnessed: the one witness certificate (PEM) whose cosignature counts; default any Witness-role certificate under the root", HelpName = "PEM" };
        var checkpointLog = new Option<string?>("--checkpoint-log")
        {
            Description = "The append-only checkpoint log folder, re-checked entry by entry and used as the anchor (its latest entry) when no --checkpoint or --witnessed is given; default <db>.checkpoints",
            HelpName = "DIR",
        };
        var allowUnsignedOrg = new Option<bool>("--allow-unsigned-org")
        {
            Description = "Accept an organisation chart with no valid signature (<org>.p7s by the root's Organisation-role certificate); an edited chart could then grant authority nobody granted",
        };
        var allowUnanchored = new Option<bool>("--allow-unanchored") { Description = "Accept a store with no checkpoint to check against (exit 0 if the records hold); deletions, a dropped last record and rollbacks then go undetected" };
        var instance = new Option<string?>("--instance")
        {
            Description = "This store's instance name (default the one 'instance init' kept in <db>.instance): records of files received from other instances are accepted "
                + "as far as this instance's signed receipt vouches for them",
            HelpName = "NAME",
        };
        var trustedInstances = new Option<string?>("--trusted-instances")
        {
            Description = "The trusted-instances folder (NAME.root.pem, NAME.log.pem): every instance's root is trusted for the records made there", HelpName = "DIR",
        };
        var command = new Command("verify", "Verify the store's signed records, hash chains, authority and Merkle checkpoint, or an exported bundle (exit 1 if any record is bad)")
        {
            file, bundle, copy, root, org, logKey, checkpointOption, witnessed, witnessCert, checkpointLog, allowUnanchored, allowUnsignedOrg, instance, trustedInstances, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var rootPath = result.GetValue(root);
            var json = result.GetValue(common.Json);
            if (result.GetValue(copy) is { } copyPath)
            {
                if (result.GetValue(file) is not null || result.GetValue(bundle) is not null)
                {
                    throw new CliException("give --copy alone, not with --file or --bundle");
                }

                return await VerifyCopyAsync(context, copyPath, rootPath ?? sidecars.RootCertificate, json, ct).ConfigureAwait(false);
            }

            if (result.GetValue(bundle) is { } bundlePath)
            {
                if (result.GetValue(file) is not null)
                {
                    throw new CliException("give --bundle or --file, not both");
                }

                var keyPath = result.GetValue(logKey) ?? (rootPath is null && File.Exists(sidecars.LogKey) ? sidecars.LogKey : null);
                return await VerifyBundleAsync(context, bundlePath, rootPath ?? sidecars.RootCertificate, keyPath, result.GetValue(logKey) is not null, result.GetValue(org), result.GetValue(allowUnsignedOrg), json, ct)
                    .ConfigureAwait(false);
            }

            if (result.GetValue(file) is not null && (result.GetValue(checkpointOption) is not null || result.GetValue(logKey) is not null || result.GetValue(witnessed) is not null))
            {
                throw new CliException("--checkpoint, --witnessed and --log-key check the whole store's log; leave out --file");
            }

            if (result.GetValue(checkpointOption) is not null && result.GetValue(witnessed) is not null)
            {
                throw new CliException("give --checkpoint or --witnessed, not both");
            }

            if (result.GetValue(witnessCert) is not null && result.GetValue(witnessed) is null)
            {
                throw new CliException("--witness-cert pins the witness of --witnessed; give --witnessed FILE");
            }

            await StoreFactory.EnsureExistsAsync(location, ct).ConfigureAwait(false);

            var trust = new CertificateTrustOptions();
            var rootCertificate = Sidecars.LoadCertificate(rootPath ?? sidecars.RootCertificate);
            trust.TrustAnchors.Add(rootCertificate);
            if (result.GetValue(trustedInstances) is { } trustedPath)
            {
                var instances = new FileFlow.Instances.InstanceTransferOptions();
                InstanceCommand.LoadTrusted(trustedPath, instances);
                foreach (var anchor in instances.TrustAnchors.Where(a => !a.RawData.AsSpan().SequenceEqual(rootCertificate.RawData)))
                {
                    trust.TrustAnchors.Add(anchor);
                }
            }

            var orgPath = result.GetValue(org) ?? sidecars.Organisation;
            if (!File.Exists(orgPath))
            {
                throw new CliException($"no organisation chart at '{orgPath}': pass --org PATH");
            }

            await WarnAsync(context, OrganisationSignature.Check(orgPath, rootCertificate, result.GetValue(allowUnsignedOrg))).ConfigureAwait(false);
            var chart = OrganisationFile.Load(orgPath).ToChart();
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var store = opened.Store;
            var verifier = new StoreVerifier(new CertificateSignatureVerifier(trust), chart, services: ServiceCatalog.LoadDefaults())
            {
                Instance = result.GetValue(instance) ?? sidecars.ReadInstance(),
            };
            var watch = Stopwatch.StartNew();
            VerificationReport report;
            CheckpointResult? checkpoint = null;
            if (result.GetValue(file) is { } number)
            {
                report = await VerifyFileAsync(store, verifier, number, ct).ConfigureAwait(false);
            }
            else
            {
                var anchor = Anchor.Find(sidecars, result.GetValue(checkpointOption), result.GetValue(witnessed), result.GetValue(witnessCert), result.GetValue(checkpointLog), result.GetValue(logKey));
                var passes = anchor.Missing is null ? 2 : 1;
                (report, checkpoint) = await CliProgress.OverStoreAsync(context, json, "verifying signed records", store, passes, async counted =>
                    (await verifier.VerifyAllAsync(counted, ct).ConfigureAwait(false), await VerifyCheckpointAsync(counted, anchor, rootCertificate, ct).ConfigureAwait(false)), ct)
                    .ConfigureAwait(false);
                if (checkpoint.Unanchored && result.GetValue(allowUnanchored))
                {
                    checkpoint = checkpoint with { Allowed = true };
                }
            }

            watch.Stop();
            return await ReportAsync(context, json, report, watch.Elapsed, checkpoint, bundle: null).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Verifies a bundle trusting only the root certificate (and, when given, the log's key and the organisation chart).</summary>
    private static async Task<int> VerifyCopyAsync(CliContext context, string path, string rootPath, bool json, CancellationToken ct)
    {
        if (!Directory.Exists(path))
        {
            throw new CliException($"no certified copy at '{path}': give the folder 'fileflow copy' wrote");
        }

        var options = new BundleVerificationOptions();
        options.TrustAnchors.Add(Sidecars.LoadCertificate(rootPath));
        var watch = Stopwatch.StartNew();
        VerificationReport report;
        try
        {
            report = await CertifiedCopyVerifier.VerifyAsync(path, options, ct).ConfigureAwait(false);
        }
        catch (BundleFormatException e)
        {
            throw new CliException($"certified copy '{path}' cannot be read: {e.Message}", ExitCodes.CheckFailed);
        }

        watch.Stop();
        return await ReportAsync(context, json, report, watch.Elapsed, checkpoint: null, bundle: path, copy: true).ConfigureAwait(false);
    }

    private static async Task<int> VerifyBundleAsync(
        CliContext context, string path, string rootPath, string? logKeyPath, bool logKeyNamed, string? orgPath, bool allowUnsignedOrg, bool json, CancellationToken ct)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new CliException($"no bundle at '{path}': give the folder or .zip file 'fileflow export' wrote");
        }

        var options = new BundleVerificationOptions();
        var rootCertificate = Sidecars.LoadCertificate(rootPath);
        options.TrustAnchors.Add(rootCertificate);
        if (logKeyPath is not null)
        {
            options.CheckpointVerifier = Sidecars.LoadCheckpointVerifier(logKeyPath, rootCertificate, logKeyNamed);
        }

        if (orgPath is not null)
        {
            if (!File.Exists(orgPath))
            {
                throw new CliException($"no organisation chart at '{orgPath}'");
            }

            await WarnAsync(context, OrganisationSignature.Check(orgPath, rootCertificate, allowUnsignedOrg)).ConfigureAwait(false);
            options.Organisation = OrganisationFile.Load(orgPath).ToChart();
        }

        var watch = Stopwatch.StartNew();
        VerificationReport report;
        try
        {
            report = await BundleVerifier.VerifyAsync(path, options, ct).ConfigureAwait(false);
        }
        catch (BundleFormatException e)
        {
            // The thing checked is bad, not the command line: exit 1.
            throw new CliException($"bundle '{path}' cannot be read: {e.Message}", ExitCodes.CheckFailed);
        }

        watch.Stop();
        return await ReportAsync(context, json, report, watch.Elapsed, checkpoint: null, bundle: path).ConfigureAwait(false);
    }

    private static async Task<int> ReportAsync(CliContext context, bool json, VerificationReport report, TimeSpan elapsed, CheckpointResult? checkpoint, string? bundle, bool copy = false)
    {
        var failures = report.Failures.Select(f => new FailureJson(f.DocumentId.ToString(), f.Sequence, f.Kind.ToString(), f.Reason)).ToList();
        var valid = report.IsValid && checkpoint?.Valid != false && checkpoint is not { Unanchored: true, Allowed: false };
        if (json)
        {
            context.WriteJson(new
            {
                bundle,
                records = report.Records,
                documents = report.Documents,
                valid,
                seconds = Math.Round(elapsed.TotalSeconds, 3),
                recordsPerSecond = Math.Round(report.Records / Math.Max(elapsed.TotalSeconds, 1e-9), 1),
                checkpoint,
                failures,
            });
        }
        else
        {
            if (failures.Count > 0)
            {
                var table = new Table().Title("Bad records").AddColumns("document", "sequence", "kind", "reason");
                foreach (var f in failures)
                {
                    table.AddRow(Markup.Escape(f.Document), f.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Kind, Markup.Escape(f.Reason));
                }

                context.Console.Write(table);
            }

            if (checkpoint is { Unanchored: true })
            {
                context.Out.WriteLine($"UNANCHORED: {checkpoint.Reason}. A deleted record, a dropped last record or a rollback of the whole store cannot be detected without a trusted checkpoint"
                    + (checkpoint.Allowed ? " (accepted: --allow-unanchored)." : "; keep checkpoints away from the store and pass --checkpoint and --log-key, or accept it with --allow-unanchored."));
            }
            else if (checkpoint is not null)
            {
                context.Out.WriteLine(checkpoint.Valid
                    ? $"Merkle checkpoint ({checkpoint.Source}): {checkpoint.TreeSize:N0} records, root {checkpoint.RootHash} — holds"
                      + (checkpoint.StoreSize > checkpoint.TreeSize ? $"; {checkpoint.StoreSize - checkpoint.TreeSize:N0} later records are not yet in a signed checkpoint." : ".")
                    : $"Merkle checkpoint: FAILED — {checkpoint.Reason}");
            }

            var what = bundle is null ? string.Empty : $"{(copy ? "certified copy" : "bundle")} {bundle}: ";
            var held = copy ? "files, chain, signatures, withheld parts and the officer's signature" : $"chain, signatures, machine and {(bundle is null ? "authority" : "log inclusion")}";
            context.Out.WriteLine(valid
                ? $"Verified {what}{report.Records:N0} signed records in {report.Documents:N0} documents in {elapsed.TotalSeconds:0.00} s; {held} all hold."
                : $"NOT VERIFIED {what}{failures.Count:N0} bad records among {report.Documents:N0} documents ({report.Records:N0} records).");
        }

        if (!valid)
        {
            await context.Error.WriteLineAsync(failures.Count > 0
                ? $"fileflow: verification failed: document {failures[0].Document} record {failures[0].Sequence}: {failures[0].Kind}: {OneLine(failures[0].Reason)}"
                : checkpoint is { Unanchored: true } ? $"fileflow: unanchored: {checkpoint.Reason} (pass --checkpoint and --log-key, or --allow-unanchored)"
                : $"fileflow: verification failed: {checkpoint?.Reason}").ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }

        return ExitCodes.Ok;
    }

    private static async Task<VerificationReport> VerifyFileAsync(IDocumentStore store, StoreVerifier verifier, string number, CancellationToken ct)
    {
        var head = await Lookup.FileAsync(store, number, ct).ConfigureAwait(false);
        var ids = new List<DocumentId> { head.Id };
        await foreach (var child in store.QueryAllAsync(new DocumentQuery { Parent = head.Id, Limit = 1000 }, ct).ConfigureAwait(false))
        {
            if (child.Id != head.Id)
            {
                ids.Add(child.Id);
            }
        }

        long documents = 0, records = 0;
        var failures = new List<VerificationFailure>();
        foreach (var id in ids)
        {
            var report = await verifier.VerifyDocumentAsync(store, id, ct).ConfigureAwait(false);
            documents += report.Documents;
            records += report.Records;
            failures.AddRange(report.Failures);
        }

        return new VerificationReport(documents, records, [.. failures]);
    }

    private static async Task<CheckpointResult> VerifyCheckpointAsync(IDocumentStore store, Anchor anchor, System.Security.Cryptography.X509Certificates.X509Certificate2 root, CancellationToken ct)
    {
        if (anchor.Missing is { } missing)
        {
            return new CheckpointResult(true, null, null, null, missing) { Unanchored = true };
        }

        try
        {
            var checkpoints = Sidecars.LoadCheckpointVerifier(anchor.LogKey!, root, anchor.LogKeyNamed);
            SignedCheckpoint signed;
            SignedCheckpoint? sidecar = null;
            if (anchor.Source == AnchorSource.Witnessed)
            {
                var trust = new CertificateTrustOptions();
                trust.TrustAnchors.Add(root);
                var pinned = anchor.WitnessCertificate is { } pem ? CertificateKeyId.Of(Sidecars.LoadCertificate(pem)) : null;
                signed = new WitnessVerifier(trust, pinned).VerifyOrThrow(WitnessedCheckpoint.Parse(await File.ReadAllTextAsync(anchor.Checkpoint!, ct).ConfigureAwait(false)));
            }
            else if (anchor.Source == AnchorSource.CheckpointLog)
            {
                signed = new CheckpointLog(anchor.Checkpoint!, new LogVerifier(checkpoints)).Verify()
                    ?? throw new CliException($"the checkpoint log '{anchor.Checkpoint}' is empty");

                // The sidecar is refreshed between appends to the log (simulate does so as it runs): the store must hold both.
                if (File.Exists(anchor.Sidecar))
                {
                    sidecar = SignedCheckpoint.Parse(await File.ReadAllTextAsync(anchor.Sidecar, ct).ConfigureAwait(false));
                }
            }
            else
            {
                signed = SignedCheckpoint.Parse(await File.ReadAllTextAsync(anchor.Checkpoint!, ct).ConfigureAwait(false));
            }

            SignedCheckpoint[] anchors = sidecar is null ? [signed] : [signed, sidecar];
            var head = await new LogVerifier(checkpoints).VerifyStoreAsync(store, anchors, ct).ConfigureAwait(false);
            signed = anchors.MaxBy(c => c.Checkpoint.TreeSize)!;
            return new CheckpointResult(true, signed.Checkpoint.TreeSize, signed.Checkpoint.RootHash.ToString(), head.Size, null) { Source = anchor.Describe() };
        }
        catch (Exception e) when (e is LogVerificationException or LogFormatException or FormatException or ArgumentException or CliException)
        {
            return new CheckpointResult(false, null, null, null, anchor.Describe() + ": " + OneLine(e.Message)) { Source = anchor.Describe() };
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static async Task WarnAsync(CliContext context, string? warning)
    {
        if (warning is not null)
        {
            await context.Error.WriteLineAsync("fileflow: warning: " + warning).ConfigureAwait(false);
        }
    }

    internal sealed record FailureJson(string Document, long Sequence, string Kind, string Reason);

    internal sealed record CheckpointResult(bool Valid, long? TreeSize, string? RootHash, long? StoreSize, string? Reason)
    {
        /// <summary>Gets whether there was no checkpoint (or no log key) to check the store against.</summary>
        public bool Unanchored { get; init; }

        /// <summary>Gets whether an unanchored store was accepted (<c>--allow-unanchored</c>).</summary>
        public bool Allowed { get; init; }

        /// <summary>Gets what the store was checked against: a witnessed checkpoint, the checkpoint log's latest entry, or a checkpoint file.</summary>
        public string? Source { get; init; }

        /// <summary>Gets how many records the store holds beyond the checkpoint: appended since, not yet committed by any signed checkpoint.</summary>
        public long? LaterRecords => Valid && StoreSize is { } store && TreeSize is { } tree ? store - tree : null;
    }

    private enum AnchorSource
    {
        File,
        CheckpointLog,
        Witnessed,
    }

    /// <summary>The checkpoint and log key a store is checked against: a witnessed checkpoint, a checkpoint file, or the checkpoint log (each kept away from the
    /// store), or else the sidecar <c>&lt;db&gt;.checkpoint.txt</c>.</summary>
    private sealed record Anchor(string? Checkpoint, AnchorSource Source, string? WitnessCertificate, string? LogKey, bool LogKeyNamed, string? Missing, string Sidecar)
    {
        public static Anchor Find(Sidecars sidecars, string? checkpoint, string? witnessed, string? witnessCertificate, string? checkpointLog, string? logKey)
        {
            var named = logKey is not null;
            logKey ??= sidecars.LogKey;
            var logDirectory = Path.GetFullPath(checkpointLog ?? sidecars.CheckpointLog);
            var (path, source) = witnessed is not null ? (witnessed, AnchorSource.Witnessed)
                : checkpoint is not null ? (checkpoint, AnchorSource.File)
                : Directory.Exists(logDirectory) && Directory.EnumerateFiles(logDirectory, "*.checkpoint.txt").Any() ? (logDirectory, AnchorSource.CheckpointLog)
                : checkpointLog is not null ? (logDirectory, AnchorSource.CheckpointLog)
                : (sidecars.Checkpoint, AnchorSource.File);
            var missing = source == AnchorSource.CheckpointLog && !Directory.Exists(path) ? $"no checkpoint log at '{path}'"
                : source != AnchorSource.CheckpointLog && !File.Exists(path) ? $"no {(source == AnchorSource.Witnessed ? "witnessed checkpoint" : "checkpoint")} at '{path}'"
                : !File.Exists(logKey) ? $"no log key at '{logKey}' to check the checkpoint's signature"
                : null;
            return new Anchor(path, source, witnessCertificate, logKey, named, missing, sidecars.Checkpoint);
        }

        public string Describe() => Source switch
        {
            AnchorSource.Witnessed => $"witnessed checkpoint {Checkpoint}",
            AnchorSource.CheckpointLog => $"checkpoint log {Checkpoint}" + (File.Exists(Sidecar) ? $" and {Path.GetFileName(Sidecar)}" : string.Empty),
            _ => $"checkpoint {Checkpoint}",
        };
    }
}
