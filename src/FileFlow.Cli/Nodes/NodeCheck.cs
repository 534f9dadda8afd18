using System.Text.Json;
using FileFlow.Audit;
using FileFlow.Cli.Commands;
using FileFlow.Cli.Infrastructure;
using FileFlow.Documents;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.Cli.Nodes;

/// <summary>
/// What must hold after several nodes worked one organisation: the store verifies (chain, signatures, machine, authority); every file is
/// closed and each of its steps carries the action id derived from the sequence it acted from; no action id landed twice on a document;
/// and every action a node acknowledged (its acknowledgement log) is in the store.
/// </summary>
internal static class NodeCheck
{
    public static async Task<NodeCheckResult> RunAsync(
        IDocumentStore store, NodeOffice office, Sidecars sidecars, IReadOnlyList<string> acknowledgementLogs, CancellationToken cancellationToken)
    {
        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(Sidecars.LoadCertificate(sidecars.RootCertificate));
        var report = await new StoreVerifier(new CertificateSignatureVerifier(trust), office.Chart).VerifyAllAsync(store, cancellationToken).ConfigureAwait(false);

        var files = new HashSet<DocumentId>();
        var closed = 0;
        await foreach (var head in store.QueryAllAsync(new DocumentQuery { Kind = DocumentKind.File, Limit = 1000 }, cancellationToken).ConfigureAwait(false))
        {
            files.Add(head.Id);
            closed += head.State == DocumentState.Closed ? 1 : 0;
        }

        long records = 0, steps = 0, foreign = 0, duplicates = 0;
        var landed = new HashSet<(Guid Action, DocumentId Document)>();
        await foreach (var record in store.ReadAllAsync(0, cancellationToken).ConfigureAwait(false))
        {
            records++;
            if (!landed.Add((record.Record.ActionId, record.DocumentId)))
            {
                duplicates++;
            }

            if (files.Contains(record.DocumentId) && record.Sequence > NodeOffice.PreparedSequence)
            {
                steps++;
                if (record.Record.ActionId != NodePlan.ActionId(record.DocumentId, record.Sequence - 1))
                {
                    foreign++;
                }
            }
        }

        long acknowledged = 0, missing = 0;
        string? firstMissing = null;
        foreach (var path in acknowledgementLogs)
        {
            if (!File.Exists(path))
            {
                throw new CliException($"no acknowledgement log at '{path}'");
            }

            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || !Guid.TryParse(fields[0], out var action) || !Guid.TryParse(fields[1], out var document))
                {
                    continue; // a line cut short by a kill
                }

                acknowledged++;
                if (!landed.Contains((action, new DocumentId(document))))
                {
                    missing++;
                    firstMissing ??= fields[0];
                }
            }
        }

        // A signed checkpoint of the log as it stands, so a later 'fileflow verify' also proves nothing was rewritten after the check.
        var log = OfficerCredential.LoadPkcs12(NodeOffice.LogCredentialPath(sidecars), Sidecars.ExportPassword);
        var checkpoint = await MerkleLog.CreateCheckpointAsync(store, SimulateCommand.LogOrigin, log.CreateSigner(), TimeProvider.System, cancellationToken)
            .ConfigureAwait(false);
        await File.WriteAllTextAsync(sidecars.Checkpoint, checkpoint.ToText(), cancellationToken).ConfigureAwait(false);
        await sidecars.SaveLogCertificateAsync(log.Certificate, cancellationToken).ConfigureAwait(false);

        var firstFailure = report.Failures.Length > 0 ? report.Failures[0].ToString() : null;
        return new NodeCheckResult(
            report.IsValid, report.Records, files.Count, closed, records, steps, foreign, duplicates, acknowledged, missing, firstMissing, firstFailure);
    }
}

/// <summary>The outcome of <see cref="NodeCheck"/>; <see cref="Holds"/> when everything checked holds.</summary>
internal sealed record NodeCheckResult(bool Verified, long VerifiedRecords, int Files, int Closed, long Records, long Steps, long ForeignSteps, long DuplicateActions,
    long Acknowledged, long AcknowledgedMissing, string? FirstMissing, string? FirstFailure)
{
    public bool Holds => Verified && Closed == Files && ForeignSteps == 0 && DuplicateActions == 0 && AcknowledgedMissing == 0;
}
