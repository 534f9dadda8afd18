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
        var root = new Option<string?>("--root") { Description = "The trusted root certificate (PEM); default the store's sidecar <db>.root.pem", HelpName = "PEM" };
        var org = new Option<string?>("--org") { Description = "The organisation chart (JSON); default <db>.org.json for a store; for a bundle, checks each actor's authority only when given", HelpName = "JSON" };
        var logKey = new Option<string?>("--log-key") { Description = "With --bundle: the log key (JSON) whose signature the bundle's checkpoint must carry; default the store's sidecar <db>.logkey.json when --root is not given", HelpName = "JSON" };
        var command = new Command("verify", "Verify the store's signed records, hash chains, authority and Merkle checkpoint, or an exported bundle (exit 1 if any record is bad)")
        {
            file, bundle, root, org, logKey, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var rootPath = result.GetValue(root);
            var json = result.GetValue(common.Json);
            if (result.GetValue(bundle) is { } bundlePath)
            {
                if (result.GetValue(file) is not null)
                {
                    throw new CliException("give --bundle or --file, not both");
                }

                var keyPath = result.GetValue(logKey) ?? (rootPath is null && File.Exists(sidecars.LogKey) ? sidecars.LogKey : null);
                return await VerifyBundleAsync(context, bundlePath, rootPath ?? sidecars.RootCertificate, keyPath, result.GetValue(org), json, ct).ConfigureAwait(false);
            }

            if (result.GetValue(logKey) is not null)
            {
                throw new CliException("--log-key applies to --bundle; a store's checkpoint is checked with its sidecar log key");
            }

            await StoreFactory.EnsureExistsAsync(location, ct).ConfigureAwait(false);

            var trust = new CertificateTrustOptions();
            trust.TrustAnchors.Add(Sidecars.LoadCertificate(rootPath ?? sidecars.RootCertificate));
            var orgPath = result.GetValue(org) ?? sidecars.Organisation;
            if (!File.Exists(orgPath))
            {
                throw new CliException($"no organisation chart at '{orgPath}': pass --org PATH");
            }

            var chart = OrganisationFile.Load(orgPath).ToChart();
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var store = opened.Store;
            var verifier = new StoreVerifier(new CertificateSignatureVerifier(trust), chart, services: ServiceCatalog.LoadDefaults());
            var watch = Stopwatch.StartNew();
            VerificationReport report;
            CheckpointResult? checkpoint = null;
            if (result.GetValue(file) is { } number)
            {
                report = await VerifyFileAsync(store, verifier, number, ct).ConfigureAwait(false);
            }
            else
            {
                var passes = File.Exists(sidecars.Checkpoint) ? 2 : 1;
                (report, checkpoint) = await CliProgress.OverStoreAsync(context, json, "verifying signed records", store, passes, async counted =>
                    (await verifier.VerifyAllAsync(counted, ct).ConfigureAwait(false), await VerifyCheckpointAsync(counted, sidecars, ct).ConfigureAwait(false)), ct)
                    .ConfigureAwait(false);
            }

            watch.Stop();
            return await ReportAsync(context, json, report, watch.Elapsed, checkpoint, bundle: null).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Verifies a bundle trusting only the root certificate (and, when given, the log's key and the organisation chart).</summary>
    private static async Task<int> VerifyBundleAsync(CliContext context, string path, string rootPath, string? logKeyPath, string? orgPath, bool json, CancellationToken ct)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new CliException($"no bundle at '{path}': give the folder or .zip file 'fileflow export' wrote");
        }

        var options = new BundleVerificationOptions();
        options.TrustAnchors.Add(Sidecars.LoadCertificate(rootPath));
        if (logKeyPath is not null)
        {
            options.CheckpointVerifier = Sidecars.LoadLogKey(logKeyPath).CreateVerifier();
        }

        if (orgPath is not null)
        {
            options.Organisation = File.Exists(orgPath) ? OrganisationFile.Load(orgPath).ToChart() : throw new CliException($"no organisation chart at '{orgPath}'");
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

    private static async Task<int> ReportAsync(CliContext context, bool json, VerificationReport report, TimeSpan elapsed, CheckpointResult? checkpoint, string? bundle)
    {
        var failures = report.Failures.Select(f => new FailureJson(f.DocumentId.ToString(), f.Sequence, f.Kind.ToString(), f.Reason)).ToList();
        var valid = report.IsValid && checkpoint?.Valid != false;
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

            if (checkpoint is not null)
            {
                context.Out.WriteLine(checkpoint.Valid
                    ? $"Merkle checkpoint: {checkpoint.TreeSize:N0} records, root {checkpoint.RootHash} — holds"
                      + (checkpoint.StoreSize > checkpoint.TreeSize ? $"; {checkpoint.StoreSize - checkpoint.TreeSize:N0} later records are not yet in a signed checkpoint." : ".")
                    : $"Merkle checkpoint: FAILED — {checkpoint.Reason}");
            }

            var what = bundle is null ? string.Empty : $"bundle {bundle}: ";
            context.Out.WriteLine(valid
                ? $"Verified {what}{report.Records:N0} signed records in {report.Documents:N0} documents in {elapsed.TotalSeconds:0.00} s; chain, signatures, machine and {(bundle is null ? "authority" : "log inclusion")} all hold."
                : $"NOT VERIFIED {what}{failures.Count:N0} bad records among {report.Documents:N0} documents ({report.Records:N0} records).");
        }

        if (!valid)
        {
            await context.Error.WriteLineAsync(failures.Count > 0
                ? $"fileflow: verification failed: document {failures[0].Document} record {failures[0].Sequence}: {failures[0].Kind}: {OneLine(failures[0].Reason)}"
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

    private static async Task<CheckpointResult?> VerifyCheckpointAsync(IDocumentStore store, Sidecars sidecars, CancellationToken ct)
    {
        if (!File.Exists(sidecars.Checkpoint) || sidecars.LoadLogKey() is not { } key)
        {
            return null;
        }

        try
        {
            var signed = SignedCheckpoint.Parse(await File.ReadAllTextAsync(sidecars.Checkpoint, ct).ConfigureAwait(false));
            var head = await new LogVerifier(key.CreateVerifier()).VerifyStoreAsync(store, signed, ct).ConfigureAwait(false);
            return new CheckpointResult(true, signed.Checkpoint.TreeSize, signed.Checkpoint.RootHash.ToString(), head.Size, null);
        }
        catch (Exception e) when (e is LogVerificationException or LogFormatException or FormatException or ArgumentException)
        {
            return new CheckpointResult(false, null, null, null, OneLine(e.Message));
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    internal sealed record FailureJson(string Document, long Sequence, string Kind, string Reason);

    internal sealed record CheckpointResult(bool Valid, long? TreeSize, string? RootHash, long? StoreSize, string? Reason);
}
