using System.CommandLine;
using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow checkpoint sign|witness</c>: appends a newly signed checkpoint to the store's append-only checkpoint log, refusing a rollback or fork;
/// or countersigns the latest checkpoint as a witness that keeps its own state; exit 1 when refused.</summary>
internal static class CheckpointCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var command = new Command("checkpoint", "Sign a checkpoint into the append-only checkpoint log, or witness the latest one (refusing a rollback or fork: exit 1)")
        {
            Sign(context, common),
            Witness(context, common),
        };
        return command;
    }

    private static Option<string?> LogOption() => new("--checkpoint-log")
    {
        Description = "The append-only checkpoint log folder; default <db>.checkpoints",
        HelpName = "DIR",
    };

    private static Command Sign(CliContext context, CommonOptions common)
    {
        var signer = new Option<string>("--signer") { Description = "The log's credential (PKCS#12 with the Log role; password in FILEFLOW_EXPORT_PASSWORD), kept away from the store", Required = true, HelpName = "PFX" };
        var log = LogOption();
        var root = new Option<string?>("--root") { Description = "The trusted root certificate (PEM); default <db>.root.pem", HelpName = "PEM" };
        var command = new Command("sign", "Sign a checkpoint of the store now and append it to the checkpoint log, after a consistency proof shows it extends the latest entry; updates <db>.checkpoint.txt")
        {
            signer, log, root, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var credential = Sidecars.LoadServiceCredential(result.GetValue(signer)!, ServiceRole.Log, "--signer");
            var trust = new CertificateTrustOptions();
            trust.TrustAnchors.Add(Sidecars.LoadCertificate(result.GetValue(root) ?? sidecars.RootCertificate));
            var checkpointLog = sidecars.OpenCheckpointLog(result.GetValue(log), new CertificateCheckpointVerifier(trust, logCertificateKeyId: CertificateKeyId.Of(credential.Certificate)));
            var previous = checkpointLog.Latest() ?? await sidecars.LoadCheckpointAsync(ct).ConfigureAwait(false);
            var origin = previous?.Checkpoint.Origin ?? SimulateCommand.LogOrigin;
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            SignedCheckpoint signed;
            string entry;
            try
            {
                signed = await MerkleLog.CreateCheckpointWithHeadsAsync(opened.Store, origin, credential.CreateSigner(), TimeProvider.System, ct).ConfigureAwait(false);
                entry = await checkpointLog.AppendAsync(opened.Store, signed, ct).ConfigureAwait(false);
            }
            catch (LogVerificationException e)
            {
                throw new CliException($"refused: the store does not extend the checkpoint log '{checkpointLog.Directory}': {e.Message}", ExitCodes.CheckFailed);
            }

            await AtomicFile.WriteAllTextAsync(sidecars.Checkpoint, signed.ToText(), ct).ConfigureAwait(false);
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new { entry, treeSize = signed.Checkpoint.TreeSize, rootHash = signed.Checkpoint.RootHash.ToString(), previousSize = previous?.Checkpoint.TreeSize });
            }
            else
            {
                context.Out.WriteLine($"Checkpoint of {signed.Checkpoint.TreeSize:N0} records (root {signed.Checkpoint.RootHash}) extends the previous one"
                    + (previous is null ? string.Empty : $" of {previous.Checkpoint.TreeSize:N0}") + $"; appended as {entry}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Witness(CliContext context, CommonOptions common)
    {
        var witness = new Option<string>("--witness") { Description = "The witness's credential (PKCS#12 with the Witness role; password in FILEFLOW_EXPORT_PASSWORD), held away from the store", Required = true, HelpName = "PFX" };
        var state = new Option<string>("--state") { Description = "The witness's own state folder (the last checkpoint it witnessed per log), held away from the store", Required = true, HelpName = "DIR" };
        var output = new Option<string>("--out") { Description = "Where to write the witnessed checkpoint (the checkpoint and the witness's cosignature)", Required = true, HelpName = "FILE" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "The signed checkpoint to witness; default the latest in the checkpoint log, else <db>.checkpoint.txt", HelpName = "FILE" };
        var log = LogOption();
        var root = new Option<string?>("--root") { Description = "The trusted root certificate (PEM); default <db>.root.pem", HelpName = "PEM" };
        var logKey = new Option<string?>("--log-key") { Description = "The log certificate (PEM, Log role) the checkpoint must be signed with; default <db>.log.pem", HelpName = "PEM" };
        var command = new Command("witness", "Countersign the store's latest checkpoint as a witness, only if a consistency proof shows it extends the last one this witness countersigned (exit 1 when refused)")
        {
            witness, state, output, checkpoint, log, root, logKey, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var credential = Sidecars.LoadServiceCredential(result.GetValue(witness)!, ServiceRole.Witness, "--witness");
            var rootCertificate = Sidecars.LoadCertificate(result.GetValue(root) ?? sidecars.RootCertificate);
            var checkpoints = Sidecars.LoadCheckpointVerifier(result.GetValue(logKey) ?? sidecars.LogKey, rootCertificate, result.GetValue(logKey) is not null);
            var signed = await LoadCheckpointAsync(sidecars, result.GetValue(checkpoint), result.GetValue(log), checkpoints, ct).ConfigureAwait(false);
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var witnessing = new CheckpointWitness(credential.CreateSigner(), Path.GetFullPath(result.GetValue(state)!), new LogVerifier(checkpoints), TimeProvider.System);
            var last = witnessing.LastWitnessed(signed.Checkpoint.Origin);
            WitnessedCheckpoint witnessed;
            try
            {
                witnessed = await witnessing.WitnessAsync(opened.Store, signed, ct).ConfigureAwait(false);
            }
            catch (LogVerificationException e)
            {
                throw new CliException($"refused to witness: {e.Message}", ExitCodes.CheckFailed);
            }

            var path = result.GetValue(output)!;
            await AtomicFile.WriteAllTextAsync(path, witnessed.ToText(), ct).ConfigureAwait(false);
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new { path = Path.GetFullPath(path), treeSize = signed.Checkpoint.TreeSize, rootHash = signed.Checkpoint.RootHash.ToString(), previousSize = last?.Checkpoint.TreeSize });
            }
            else
            {
                context.Out.WriteLine($"Witnessed the checkpoint of {signed.Checkpoint.TreeSize:N0} records (root {signed.Checkpoint.RootHash})"
                    + (last is null ? ", the first this witness saw of the log" : $", which extends the {last.Checkpoint.TreeSize:N0} it last witnessed") + $" → {path}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<SignedCheckpoint> LoadCheckpointAsync(Sidecars sidecars, string? path, string? logDirectory, ICheckpointVerifier checkpoints, CancellationToken ct)
    {
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new CliException($"no checkpoint at '{path}'");
            }

            try
            {
                return SignedCheckpoint.Parse(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false));
            }
            catch (LogFormatException e)
            {
                throw new CliException($"'{path}' is not a signed checkpoint: {e.Message}");
            }
        }

        try
        {
            return sidecars.OpenCheckpointLog(logDirectory, checkpoints).Latest()
                ?? await sidecars.LoadCheckpointAsync(ct).ConfigureAwait(false)
                ?? throw new CliException($"no checkpoint to witness: the checkpoint log and '{sidecars.Checkpoint}' are empty; pass --checkpoint FILE");
        }
        catch (LogFormatException e)
        {
            throw new CliException(e.Message, ExitCodes.CheckFailed);
        }
    }
}
