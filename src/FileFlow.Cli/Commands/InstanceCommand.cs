using System.CommandLine;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Instances;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow instance</c>: names a store as an instance and publishes its trust files, sends a file to another instance, delivers the
/// outbox to the shared folder and receives what arrived there.</summary>
internal static class InstanceCommand
{
    public static Command Create(CliContext context, CommonOptions common) =>
        new("instance", "Files that cross instances: name this store (init), send a file to a post of another instance, dispatch the outbox, receive bundles")
        {
            Init(context, common), Send(context, common), Dispatch(context, common), Receive(context, common),
        };

    private static Command Init(CliContext context, CommonOptions common)
    {
        var name = new Option<string>("--name") { Description = "This instance's name (letters, digits, '.', '-', '_'), kept in <db>.instance; a named store keeps its name", Required = true, HelpName = "NAME" };
        var trustDir = new Option<string>("--trust-dir")
        {
            Description = "The trusted-instances folder to publish this instance to: NAME.root.pem (the store's root) and NAME.log.pem (its log certificate) are written there; "
                + "give every instance the same folder's contents (--trusted-instances)",
            Required = true,
            HelpName = "DIR",
        };
        var command = new Command("init", "Name this store as a FileFlow instance and write its root and log certificates to a trusted-instances folder") { name, trustDir, common.Json };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            await StoreFactory.EnsureExistsAsync(location, ct).ConfigureAwait(false);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var instance = CheckName(result.GetValue(name)!);
            if (sidecars.ReadInstance() is { } existing && existing != instance)
            {
                throw new CliException($"the store is already instance '{existing}' ('{sidecars.Instance}'): its sent and received records name it, so it keeps that name");
            }

            _ = Sidecars.LoadCertificate(sidecars.RootCertificate);
            if (!File.Exists(sidecars.LogKey))
            {
                throw new CliException($"no log certificate at '{sidecars.LogKey}': the instance's checkpoints are checked with it");
            }

            var directory = result.GetValue(trustDir)!;
            Directory.CreateDirectory(directory);
            await AtomicFile.WriteAllTextAsync(Path.Combine(directory, instance + ".root.pem"), await File.ReadAllTextAsync(sidecars.RootCertificate, ct).ConfigureAwait(false), ct)
                .ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(Path.Combine(directory, instance + ".log.pem"), await File.ReadAllTextAsync(sidecars.LogKey, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(sidecars.Instance, instance + "\n", ct).ConfigureAwait(false);
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new { instance, trustDir = Path.GetFullPath(directory) });
            }
            else
            {
                context.Out.WriteLine($"This store is instance '{instance}'; its root and log certificates are in {Path.GetFullPath(directory)} as {instance}.root.pem and {instance}.log.pem.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Send(CliContext context, CommonOptions common)
    {
        var file = new Option<string>("--file") { Description = "The file number (or document id) to send", Required = true, HelpName = "NUMBER" };
        var toInstance = new Option<string>("--to-instance") { Description = "The instance to send it to", Required = true, HelpName = "NAME" };
        var toPost = new Option<string>("--to-post") { Description = "The post of that instance it goes to", Required = true, HelpName = "POST" };
        var officer = new OfficerOptions();
        var command = new Command("send", "Send a file to a post of another instance: the holder signs the send, the file becomes read-only here, and 'instance dispatch' delivers it")
        {
            file, toInstance, toPost, common.Json,
        };
        officer.AddTo(command);
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            var (sidecars, root, _) = CliEngine.ReadSidecars(location);
            var instance = sidecars.RequireInstance();
            var (actor, credential) = await officer.LoadAsync(result, root, TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
            var cli = await CliEngine.ForOfficerAsync(location, actor, credential, instance, ct).ConfigureAwait(false);
            await using var dispose = cli.ConfigureAwait(false);
            var head = await Lookup.FileAsync(cli.Store, result.GetValue(file)!, ct).ConfigureAwait(false);
            var to = CheckName(result.GetValue(toInstance)!);
            var sent = await cli.Engine.FireAsync(new DocumentAction(head.Id, DocumentTrigger.SendToInstance, actor)
            {
                ToInstance = to, Recipient = new PostId(result.GetValue(toPost)!),
            }, ct).ConfigureAwait(false);
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new { fileNumber = head.Reference, document = head.Id.ToString(), sequence = sent.Record.Record.Sequence, fromInstance = instance, toInstance = to, toPost = result.GetValue(toPost) });
            }
            else
            {
                context.Out.WriteLine($"Sent {head.Reference} to {result.GetValue(toPost)} at instance '{to}' (record {sent.Record.Record.Sequence}); it is read-only here. "
                    + "Deliver it with 'fileflow instance dispatch'.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Dispatch(CliContext context, CommonOptions common)
    {
        var exchange = ExchangeOption();
        var logSigner = new Option<string>("--log-signer")
        {
            Description = "This instance's log credential (PKCS#12, Log role; simulate --log-credential writes one), which signs each bundle's checkpoint; password in FILEFLOW_EXPORT_PASSWORD",
            Required = true,
            HelpName = "PFX",
        };
        var exportSigner = new Option<string?>("--export-signer")
        {
            Description = "The export service's credential (PKCS#12, Export role) that signs bundle manifests; default the one simulate wrote beside the store (<db>.export.pfx)",
            HelpName = "PFX",
        };
        var command = new Command("dispatch", "Deliver every file sent to another instance and not yet delivered, as a signed bundle in EXCHANGE/<instance>/ (a restart delivers what was cut short)")
        {
            exchange, logSigner, exportSigner, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var instance = sidecars.RequireInstance();
            var log = Sidecars.LoadServiceCredential(result.GetValue(logSigner)!, ServiceRole.Log, "--log-signer");
            var export = Sidecars.LoadServiceCredential(result.GetValue(exportSigner) ?? sidecars.ExportCredential, ServiceRole.Export, "--export-signer");
            var cli = await CliEngine.OpenAsync(location, new SignerRegistry(), systemOfficer: null, instance, readOnly: false, ct).ConfigureAwait(false);
            await using var dispose = cli.ConfigureAwait(false);
            var folder = result.GetValue(exchange)!;
            var transfers = new InstanceTransfers(cli.Engine, new InstanceTransferOptions { Folder = folder, ManifestSigner = export.CreateSigner(), LogSigner = log.CreateSigner() });
            var delivered = await transfers.DispatchAsync(ct).ConfigureAwait(false);
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new { instance, delivered, exchange = Path.GetFullPath(folder) });
            }
            else
            {
                context.Out.WriteLine($"Delivered {delivered:N0} bundle(s) from '{instance}' to {Path.GetFullPath(folder)}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Receive(CliContext context, CommonOptions common)
    {
        var exchange = ExchangeOption();
        var trusted = new Option<string>("--trusted-instances")
        {
            Description = "The trusted-instances folder (NAME.root.pem and NAME.log.pem of every instance, this one's included; 'instance init' writes them)", Required = true, HelpName = "DIR",
        };
        var systemSigner = new Option<string>("--system-signer")
        {
            Description = "The system officer's credential (PKCS#12, System role; simulate --system-credential writes one), which signs each receipt; password in FILEFLOW_EXPORT_PASSWORD",
            Required = true,
            HelpName = "PFX",
        };
        var command = new Command("receive", "Verify and apply every bundle in EXCHANGE/<this instance>/: each is applied once; a tampered, untrusted, misaddressed or "
            + "out-of-order one is refused naming its record and moved to rejected/ (exit 1)")
        {
            exchange, trusted, systemSigner, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var instance = sidecars.RequireInstance();
            var options = new InstanceTransferOptions { Folder = result.GetValue(exchange)! };
            LoadTrusted(result.GetValue(trusted)!, options);
            var system = Sidecars.LoadServiceCredential(result.GetValue(systemSigner)!, ServiceRole.System, "--system-signer");
            if (system.Officer != CertificateSigners.SystemOfficer)
            {
                throw new CliException($"the credential '{result.GetValue(systemSigner)}' is '{system.Officer?.Value}''s, not the system officer '{CertificateSigners.SystemOfficer}''s");
            }

            var signers = new SignerRegistry().Register(CertificateSigners.SystemOfficer, system.CreateSigner());
            var cli = await CliEngine.OpenAsync(location, signers, CertificateSigners.SystemOfficer, instance, readOnly: false, ct).ConfigureAwait(false);
            await using var dispose = cli.ConfigureAwait(false);
            var transfers = new InstanceTransfers(cli.Engine, options);
            var (received, rejected) = await transfers.ReceiveAsync(ct).ConfigureAwait(false);
            foreach (var refused in rejected)
            {
                await context.Error.WriteLineAsync($"fileflow: {refused.Message} (moved to {Path.Combine(transfers.Inbox, "rejected")})").ConfigureAwait(false);
            }

            var applied = received.Count(r => !r.AlreadyReceived);
            if (result.GetValue(common.Json))
            {
                context.WriteJson(new
                {
                    instance,
                    received = received.Select(r => new { file = r.File.ToString(), fromInstance = r.FromInstance, imported = r.Imported, receipt = r.Receipt.Record.Sequence, alreadyReceived = r.AlreadyReceived }),
                    rejected = rejected.Select(r => new { bundle = Path.GetFileName(r.Bundle), document = r.DocumentId.ToString(), sequence = r.Sequence, problem = r.Problem }),
                });
            }
            else
            {
                context.Out.WriteLine($"Received {applied:N0} file(s) at '{instance}'" + (received.Count > applied ? $", {received.Count - applied:N0} already received (applied once)" : string.Empty)
                    + (rejected.Count > 0 ? $"; {rejected.Count:N0} refused (listed on stderr, moved to rejected/)" : string.Empty) + ".");
            }

            return rejected.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads a trusted-instances folder into <paramref name="options"/>, refusing (exit 2, naming the file) one that cannot be read.</summary>
    public static IReadOnlyList<string> LoadTrusted(string directory, InstanceTransferOptions options)
    {
        try
        {
            var names = InstanceTrustDirectory.Load(directory, options);
            return names.Count > 0 ? names : throw new CliException($"the trusted-instances folder '{directory}' holds no NAME.root.pem: run 'fileflow instance init' for each instance");
        }
        catch (Exception e) when (e is DirectoryNotFoundException or ArgumentException)
        {
            throw new CliException($"cannot read the trusted instances: {e.Message}");
        }
    }

    private static Option<string> ExchangeOption() =>
        new("--exchange") { Description = "The shared folder both instances reach; bundles for instance X go to EXCHANGE/X/", Required = true, HelpName = "DIR" };

    private static string CheckName(string name) =>
        name.Length is > 0 and <= 100 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? name
            : throw new CliException($"instance name '{name}' must be 1 to 100 letters, digits, '.', '-' or '_', not starting with '.'");
}
