using System.CommandLine;
using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow export</c>: writes one file's offline-verifiable bundle (a folder, or a .zip when the path ends in .zip), proved against the store's signed checkpoint.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var file = new Option<string>("--file") { Description = "The file number (or document id) to export", Required = true, HelpName = "NUMBER" };
        var output = new Option<string>("--out") { Description = "Where to write the bundle: a new or empty folder, or a new .zip file", Required = true, HelpName = "PATH" };
        var signer = new Option<string?>("--signer") { Description = "The export service's PKCS#12 (.pfx) credential that signs the bundle's manifest; its password comes from FILEFLOW_EXPORT_PASSWORD. Default: the one simulate wrote beside the store", HelpName = "PFX" };
        var command = new Command("export", "Export a file with its notings and receipts, signatures, certificates and Merkle inclusion proofs as a bundle 'verify --bundle' (or openssl) checks offline")
        {
            file, output, signer, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction((result, ct) => ExportAsync(context, common.Location(result), result.GetValue(file)!, result.GetValue(output)!, result.GetValue(signer), result.GetValue(common.Json), ct));
        return command;
    }

    private static async Task<int> ExportAsync(CliContext context, StoreLocation location, string fileNumber, string path, string? signerPath, bool json, CancellationToken cancellationToken)
    {
        var zip = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        if (zip ? File.Exists(path) : Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new CliException($"'{path}' already exists{(zip ? string.Empty : " and is not empty")}: give a new path");
        }

        if (File.Exists(path) && !zip)
        {
            throw new CliException($"'{path}' is a file: give a new folder, or a path ending in .zip");
        }

        var sidecars = new Sidecars(location.SidecarPrefix);

        // The bundle proves its records against the checkpoint the store published, whose log key the auditor can be given.
        var checkpoint = await sidecars.LoadCheckpointAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"no signed checkpoint at '{sidecars.Checkpoint}': export proves records against the store's published checkpoint (simulate writes it)");
        var manifestSigner = Sidecars.LoadExportCredential(signerPath ?? sidecars.ExportCredential).CreateSigner();
        var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var disposeStore = opened.ConfigureAwait(false);
        var head = await Lookup.FileAsync(opened.Store, fileNumber, cancellationToken).ConfigureAwait(false);
        BundleExportResult exported;
        try
        {
            var options = new BundleExportOptions { Checkpoint = checkpoint, ManifestSigner = manifestSigner };
            exported = await CliProgress.OverStoreAsync(context, json, $"exporting {head.Reference}", opened.Store, 1,
                store => BundleExporter.ExportAsync(store, head.Id, options, path, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (LogVerificationException e)
        {
            // The store no longer matches its own signed checkpoint: that is a bad store, not bad usage.
            throw new CliException($"the store does not match its checkpoint '{sidecars.Checkpoint}': {e.Message} (run 'fileflow verify')", ExitCodes.CheckFailed);
        }

        if (json)
        {
            context.WriteJson(new
            {
                fileNumber = head.Reference,
                document = head.Id.ToString(),
                path = Path.GetFullPath(exported.Path),
                documents = exported.Documents.Count,
                records = exported.Records,
                checkpointSize = exported.Checkpoint.Checkpoint.TreeSize,
                checkpointRoot = exported.Checkpoint.Checkpoint.RootHash.ToString(),
            });
        }
        else
        {
            context.Out.WriteLine($"Exported {head.Reference}: {exported.Documents.Count:N0} documents, {exported.Records:N0} signed records with inclusion proofs to checkpoint of {exported.Checkpoint.Checkpoint.TreeSize:N0} records → {exported.Path}");
            context.Out.WriteLine($"Check it offline with: fileflow verify --bundle {exported.Path} --root {sidecars.RootCertificate}   (or follow its README.txt with openssl)");
        }

        return ExitCodes.Ok;
    }
}
