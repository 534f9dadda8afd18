using System.CommandLine;
using System.Diagnostics;
using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Documents;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;
using Spectre.Console;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow verify</c>: re-checks every record (chain, signatures against the root, machine, authority, heads) and the Merkle checkpoint; exit 1 when anything is bad.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var file = new Option<string?>("--file") { Description = "Verify one file (and its notings and receipts) by file number", HelpName = "NUMBER" };
        var bundle = new Option<string?>("--bundle") { Description = "Verify an exported bundle instead of a store", HelpName = "PATH" };
        var root = new Option<string?>("--root") { Description = "The trusted root certificate (PEM); default <db>.root.pem", HelpName = "PEM" };
        var org = new Option<string?>("--org") { Description = "The organisation chart (JSON); default <db>.org.json", HelpName = "JSON" };
        var command = new Command("verify", "Verify the store's signed records, hash chains, authority and Merkle checkpoint (exit 1 if any record is bad)")
        {
            file, bundle, root, org, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            if (result.GetValue(bundle) is { } bundlePath)
            {
                return await VerifyBundleAsync(bundlePath, ct).ConfigureAwait(false);
            }

            var location = common.Location(result);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var trust = new CertificateTrustOptions();
            trust.TrustAnchors.Add(Sidecars.LoadCertificate(result.GetValue(root) ?? sidecars.RootCertificate));
            var orgPath = result.GetValue(org) ?? sidecars.Organisation;
            if (!File.Exists(orgPath))
            {
                throw new CliException($"no organisation chart at '{orgPath}': pass --org PATH");
            }

            var chart = OrganisationFile.Load(orgPath).ToChart();
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var store = opened.Store;
            var verifier = new StoreVerifier(new CertificateSignatureVerifier(trust), chart);
            var watch = Stopwatch.StartNew();
            VerificationReport report;
            CheckpointResult? checkpoint = null;
            if (result.GetValue(file) is { } number)
            {
                report = await VerifyFileAsync(store, verifier, number, ct).ConfigureAwait(false);
            }
            else
            {
                report = await verifier.VerifyAllAsync(store, ct).ConfigureAwait(false);
                checkpoint = await VerifyCheckpointAsync(store, sidecars, ct).ConfigureAwait(false);
            }

            watch.Stop();
            var failures = report.Failures.Select(f => new FailureJson(f.DocumentId.ToString(), f.Sequence, f.Kind.ToString(), f.Reason)).ToList();
            var valid = report.IsValid && checkpoint?.Valid != false;
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new
                {
                    records = report.Records,
                    documents = report.Documents,
                    valid,
                    seconds = Math.Round(watch.Elapsed.TotalSeconds, 3),
                    recordsPerSecond = Math.Round(report.Records / Math.Max(watch.Elapsed.TotalSeconds, 1e-9), 1),
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
                        ? $"Merkle checkpoint: {checkpoint.TreeSize:N0} records, root {checkpoint.RootHash} — holds."
                        : $"Merkle checkpoint: FAILED — {checkpoint.Reason}");
                }

                context.Out.WriteLine(valid
                    ? $"Verified: {report.Records:N0} signed records in {report.Documents:N0} documents in {watch.Elapsed.TotalSeconds:0.00} s; chain, signatures, machine and authority all hold."
                    : $"NOT VERIFIED: {failures.Count:N0} bad documents among {report.Documents:N0} ({report.Records:N0} records).");
            }

            if (!valid)
            {
                await context.Error.WriteLineAsync(failures.Count > 0
                    ? $"fileflow: verification failed: document {failures[0].Document} record {failures[0].Sequence}: {failures[0].Kind}: {failures[0].Reason}"
                    : $"fileflow: verification failed: {checkpoint?.Reason}").ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Bundle verification: the lead wires the bundle verifier in here once it lands.</summary>
    private static Task<int> VerifyBundleAsync(string path, CancellationToken cancellationToken)
    {
        _ = path;
        _ = cancellationToken;
        throw new CliException("verifying bundles is not available in this build (--bundle)");
    }

    private static async Task<VerificationReport> VerifyFileAsync(IDocumentStore store, StoreVerifier verifier, string number, CancellationToken ct)
    {
        var head = await Lookup.FileAsync(store, number, ct).ConfigureAwait(false);
        var ids = new List<DocumentId> { head.Id };
        var query = new DocumentQuery { Parent = head.Id, Limit = 1000 };
        while (true)
        {
            var page = await store.QueryAsync(query, ct).ConfigureAwait(false);
            ids.AddRange(page.Items.Select(h => h.Id));
            if (page.ContinuationToken is null)
            {
                break;
            }

            query = query with { After = page.ContinuationToken };
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
            var checkpoints = new CheckpointVerifier().Register(key.Origin, key.KeyId, key.Algorithm, Convert.FromBase64String(key.PublicKey));
            var head = await new LogVerifier(checkpoints).VerifyStoreAsync(store, signed, ct).ConfigureAwait(false);
            return new CheckpointResult(true, signed.Checkpoint.TreeSize, signed.Checkpoint.RootHash.ToString(), head.Size, null);
        }
        catch (Exception e) when (e is LogVerificationException or FormatException or ArgumentException)
        {
            return new CheckpointResult(false, null, null, null, e.Message.ReplaceLineEndings(" "));
        }
    }

    internal sealed record FailureJson(string Document, long Sequence, string Kind, string Reason);

    internal sealed record CheckpointResult(bool Valid, long? TreeSize, string? RootHash, long? StoreSize, string? Reason);
}
