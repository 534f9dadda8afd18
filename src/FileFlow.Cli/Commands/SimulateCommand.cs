using System.CommandLine;
using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Sqlite;
using Spectre.Console;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow simulate</c>: an organisation, its officers' certificates and service applications routed in virtual time, into a store.</summary>
internal static class SimulateCommand
{
    public const string LogOrigin = "fileflow-simulation/log";

    public static Command Create(CliContext context, CommonOptions common)
    {
        var files = new Option<int>("--files") { Description = "How many applications to simulate", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var days = new Option<int>("--days") { Description = "How many days of virtual time", DefaultValueFactory = _ => 90, HelpName = "D" };
        var offices = new Option<int>("--offices") { Description = "How many offices (3,804 is the J&K scale)", DefaultValueFactory = _ => 20, HelpName = "K" };
        var seed = new Option<int>("--seed") { Description = "The random seed; the same seed gives the same outcome", DefaultValueFactory = _ => 1, HelpName = "S" };
        var algorithm = new Option<string>("--algorithm") { Description = "Officers' key type", DefaultValueFactory = _ => "ecdsa-p256", HelpName = "ALG" };
        algorithm.AcceptOnlyFromAmong("ecdsa-p256", "ed25519", "rsa2048");
        var concurrency = new Option<int>("--concurrency") { Description = "Files acted on at once within one virtual day", DefaultValueFactory = _ => 256 };
        var synchronous = new Option<string>("--synchronous") { Description = "SQLite durability: full (fsync each commit) or normal", DefaultValueFactory = _ => "full" };
        synchronous.AcceptOnlyFromAmong("full", "normal");
        var keyring = new Option<string>("--keyring")
        {
            Description = "Folder of officers' keyrings: keys are generated once per seed, organisation and key type and reused by later runs",
            DefaultValueFactory = _ => OfficerKeyring.DefaultDirectory, HelpName = "DIR",
        };
        var force = new Option<bool>("--force") { Description = "Replace an existing store and its sidecar files" };
        var checkpointEvery = new Option<int>("--checkpoint-every")
        {
            Description = "Refresh the signed checkpoint sidecar at the end of a virtual day once this many seconds have passed since the last", DefaultValueFactory = _ => 5, HelpName = "SECONDS",
        };
        var checkpointLog = new Option<string?>("--checkpoint-log")
        {
            Description = "The append-only checkpoint log folder (default <db>.checkpoints): the first and the final checkpoint are appended, the final one consistency-checked against the first",
            HelpName = "DIR",
        };
        var logCredential = new Option<string?>("--log-credential")
        {
            Description = "Also write the log's credential (PKCS#12, Log role) here, so 'checkpoint sign' can sign later checkpoints; keep it away from the store. Default: written nowhere",
            HelpName = "PFX",
        };
        var witnessCredential = new Option<string?>("--witness-credential")
        {
            Description = "Also issue a witness credential (PKCS#12, Witness role) and write it here, for 'checkpoint witness'; give it to whoever witnesses, never beside the store",
            HelpName = "PFX",
        };
        var organisationCredential = new Option<string?>("--org-credential")
        {
            Description = "Also write the organisation administrator's credential (PKCS#12, Organisation role) here, so 'org import --signer' can sign a changed organisation; "
                + "keep it away from the store. Default: written nowhere",
            HelpName = "PFX",
        };
        var systemCredential = new Option<string?>("--system-credential")
        {
            Description = "Also write a credential of the system officer (PKCS#12, System role) here, for 'instance receive --system-signer', which signs receipts of files "
                + "from other instances; keep it away from the store. Default: written nowhere",
            HelpName = "PFX",
        };
        var officerCredentials = new Option<string?>("--officer-credentials")
        {
            Description = "Development only: also write every officer's credential (PKCS#12, password FILEFLOW_EXPORT_PASSWORD or the development one) into this folder "
                + "as <officer>.pfx, so commands can act as an officer (--officer ID --credential PFX). Default: written nowhere",
            HelpName = "DIR",
        };
        var command = new Command("simulate", "Generate an organisation and simulate service applications moving through it, signed, in virtual time")
        {
            files, days, offices, seed, algorithm, concurrency, synchronous, keyring, force, checkpointEvery, checkpointLog, logCredential, witnessCredential, organisationCredential,
            systemCredential, officerCredentials, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var options = new SimulationOptions
            {
                Files = Positive(result.GetValue(files), "--files"),
                Days = Positive(result.GetValue(days), "--days"),
                Offices = Positive(result.GetValue(offices), "--offices"),
                Seed = result.GetValue(seed),
                Concurrency = Positive(result.GetValue(concurrency), "--concurrency"),
                Algorithm = result.GetValue(algorithm) switch
                {
                    "ed25519" => CertificateKeyAlgorithm.Ed25519,
                    "rsa2048" => CertificateKeyAlgorithm.Rsa2048,
                    _ => CertificateKeyAlgorithm.EcdsaP256,
                },
            };
            var location = common.Location(result);
            var held = await SimulationLock.AcquireAsync(location, ct).ConfigureAwait(false);
            await using var releaseLock = held.ConfigureAwait(false);
            var sidecars = new Sidecars(location.SidecarPrefix);
            var checkpointLogPath = Path.GetFullPath(result.GetValue(checkpointLog) ?? sidecars.CheckpointLog);
            if (location.PostgresConnection is null && location.DatabasePath != StoreFactory.InMemory)
            {
                var existing = new[] { location.DatabasePath, location.DatabasePath + "-wal", location.DatabasePath + "-shm" }.Concat(sidecars.All)
                    .Concat(sidecars.All.Select(f => f + AtomicFile.TemporarySuffix)).Where(File.Exists).Append(checkpointLogPath).Where(p => File.Exists(p) || Directory.Exists(p)).ToList();
                if (existing.Count > 0 && !result.GetValue(force))
                {
                    throw new CliException($"'{existing[0]}' already exists: pass --force to replace it, or --db another path");
                }

                existing.Where(File.Exists).ToList().ForEach(File.Delete);
                DeleteCheckpointLog(checkpointLogPath);
            }
            else if (location.PostgresConnection is { } connection)
            {
                var existing = sidecars.All.Where(File.Exists).Concat(Directory.Exists(checkpointLogPath) ? [checkpointLogPath] : []).ToList();
                var schemaExists = await StoreFactory.PostgresSchemaExistsAsync(connection, location.Schema, ct).ConfigureAwait(false);
                if ((schemaExists || existing.Count > 0) && !result.GetValue(force))
                {
                    throw new CliException(schemaExists
                        ? $"PostgreSQL schema '{location.Schema}' already holds a store: pass --force to drop and replace it, or --schema another name"
                        : $"'{existing[0]}' already exists: pass --force to replace it, or --state-dir another folder");
                }

                if (schemaExists)
                {
                    await StoreFactory.DropPostgresSchemaAsync(connection, location.Schema, ct).ConfigureAwait(false);
                }

                existing.Where(File.Exists).ToList().ForEach(File.Delete);
                DeleteCheckpointLog(checkpointLogPath);
            }

            // Everything a later 'verify' needs is on disk, each file written whole, before the first record: the trust anchor, the
            // organisation, the log key and a signed checkpoint of the empty log; and what 'export' signs bundle manifests with, the
            // office's export service credential, held by no officer (ECDSA, which openssl checks in CMS).
            var simulator = new Simulator(options);
            simulator.Prepare();
            var json = result.GetValue(common.Json);
            await ProvisionAsync(context, simulator, result.GetValue(keyring)!, json, ct).ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(sidecars.RootCertificate, simulator.Authority!.Root.ExportCertificatePem() + "\n", ct).ConfigureAwait(false);
            await AtomicFile.WriteAllBytesAsync(sidecars.Organisation, simulator.Organisation!.ToJsonBytes(), ct).ConfigureAwait(false);
            var organisation = simulator.Signers!.IssueServiceCredential(
                ServiceRole.Organisation, new FileFlow.Organisation.OfficerId("fileflow-organisation"), "FileFlow organisation administrator", CertificateKeyAlgorithm.EcdsaP256);
            await OrganisationSignature.SignAsync(sidecars.Organisation, organisation.CreateSigner(), simulator.Clock!.GetUtcNow(), ct).ConfigureAwait(false);
            // The log signs checkpoints with a certificate the root gave the Log role; only its certificate is written. The root's key stays in this
            // process's memory and is never written, so nobody can certify another log key afterwards.
            var exportCredential = simulator.Signers.IssueServiceCredential(
                ServiceRole.Export, new FileFlow.Organisation.OfficerId("fileflow-export"), "FileFlow export service", CertificateKeyAlgorithm.EcdsaP256);
            await AtomicFile.WriteAllBytesAsync(sidecars.ExportCredential, exportCredential.ExportPkcs12(Sidecars.ExportPassword), ct).ConfigureAwait(false);
            var log = simulator.Signers.IssueServiceCredential(
                ServiceRole.Log, new FileFlow.Organisation.OfficerId("fileflow-log"), "FileFlow log", CertificateKeyAlgorithm.EcdsaP256);
            await sidecars.SaveLogCertificateAsync(log.Certificate, ct).ConfigureAwait(false);
            await WriteCredentialsAsync(simulator, log, result.GetValue(logCredential), result.GetValue(witnessCredential), organisation, result.GetValue(organisationCredential), ct).ConfigureAwait(false);
            await WriteOfficerCredentialsAsync(simulator, result.GetValue(systemCredential), result.GetValue(officerCredentials), ct).ConfigureAwait(false);
            var trust = new CertificateTrustOptions();
            trust.TrustAnchors.Add(simulator.Authority.Root);
            var appendOnly = new CheckpointLog(checkpointLogPath, new LogVerifier(new CertificateCheckpointVerifier(trust, LogOrigin, CertificateKeyId.Of(log.Certificate))));
            var checkpoints = new CheckpointWriter(sidecars.Checkpoint, LogOrigin, log.CreateSigner(), simulator.Clock!, appendOnly);
            await checkpoints.WriteEmptyAsync(ct).ConfigureAwait(false);

            OpenedStore opened;
            try
            {
                opened = await StoreFactory.OpenAsync(location, mustExist: false,
                    result.GetValue(synchronous) == "normal" ? SqliteSynchronousMode.Normal : SqliteSynchronousMode.Full, cancellationToken: ct).ConfigureAwait(false);
            }
            catch
            {
                // The store cannot be opened (an unreachable or read-only database): take back the sidecars, so nothing is left changed.
                foreach (var written in sidecars.All)
                {
                    File.Delete(written);
                }

                DeleteCheckpointLog(checkpointLogPath);

                throw;
            }

            await using var disposeStore = opened.ConfigureAwait(false);
            var interval = TimeSpan.FromSeconds(Positive(result.GetValue(checkpointEvery), "--checkpoint-every"));
            var sinceCheckpoint = System.Diagnostics.Stopwatch.StartNew();
            SimulationSummary summary;
            try
            {
                summary = await RunAsync(context, simulator, opened, location, options, json, async token =>
                {
                    // At a day's end no action is in flight, so the records are a contiguous prefix of the log.
                    if (sinceCheckpoint.Elapsed >= interval)
                    {
                        await checkpoints.RefreshAsync(opened.Store, token).ConfigureAwait(false);
                        sinceCheckpoint.Restart();
                    }
                }, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: every started action has finished; sign what landed so the store verifies whole.
                await checkpoints.AppendAsync(opened.Store, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            await checkpoints.AppendAsync(opened.Store, ct).ConfigureAwait(false);

            if (json)
            {
                context.WriteJson(summary);
            }
            else
            {
                Print(context, summary, sidecars, location);
            }

            if (summary.Errors > 0)
            {
                await context.Error.WriteLineAsync($"fileflow: {summary.Errors} simulated actions failed; first: {summary.FirstError}").ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Provisions the officers' keys and certificates before the year, under a progress bar on a terminal or a line per tenth on stderr.</summary>
    private static async Task ProvisionAsync(CliContext context, Simulator simulator, string keyringDirectory, bool json, CancellationToken ct)
    {
        var officers = simulator.Organisation!.Officers.Count;
        if (context.Interactive && !json)
        {
            await CliProgress.ShowAsync(context, json, $"provisioning {officers:N0} officers' keys and certificates", 2L * officers, advance =>
            {
                var done = 0L;
                var gate = new Lock();
                return Task.Run(() =>
                {
                    simulator.Provision(keyringDirectory, (step, n, _) =>
                    {
                        lock (gate)
                        {
                            var now = (step == "keys" ? 0 : officers) + n;
                            if (now > done)
                            {
                                advance(now - done);
                                done = now;
                            }
                        }
                    }, ct);
                    return true;
                }, ct);
            }).ConfigureAwait(false);
        }
        else
        {
            var lastTenth = new Dictionary<string, int>();
            var gate = new Lock();
            simulator.Provision(keyringDirectory, (step, n, total) =>
            {
                var tenth = (int)(10L * n / total);
                lock (gate)
                {
                    if (!json && (!lastTenth.TryGetValue(step, out var last) || tenth > last))
                    {
                        lastTenth[step] = tenth;
                        context.Error.WriteLine($"provision: {step} {n:N0}/{total:N0}");
                    }
                }
            }, ct);
        }

        if (!json && simulator.Provisioning is { } p)
        {
            await context.Error.WriteLineAsync(
                $"provision: {p.Keys:N0} officers' keys {(p.Reused ? "loaded from" : "generated into")} {p.Keyring} and certificates issued in {p.Seconds:0.0} s").ConfigureAwait(false);
        }
    }

    private static async Task<SimulationSummary> RunAsync(
        CliContext context, Simulator simulator, OpenedStore opened, StoreLocation location, SimulationOptions options, bool json, Func<CancellationToken, ValueTask> dayEnded, CancellationToken ct)
    {
        var name = location.DisplayName;
        if (context.Interactive && !json)
        {
            SimulationSummary? summary = null;
            await context.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"simulating {options.Files:N0} files over {options.Days} days", maxValue: options.Days);
                    summary = await simulator.RunAsync(opened.Store, name, (day, transitions) =>
                    {
                        task.Value = day;
                        task.Description = $"day {day:0}/{options.Days}: {transitions:N0} signed transitions";
                    }, ct, dayEnded).ConfigureAwait(false);
                    task.Value = options.Days;
                }).ConfigureAwait(false);
            return summary!;
        }

        var lastTenth = -1;
        return await simulator.RunAsync(opened.Store, name, (day, transitions) =>
        {
            var tenth = (int)(day * 10 / options.Days);
            if (tenth != lastTenth && !json)
            {
                lastTenth = tenth;
                context.Error.WriteLine($"simulate: day {day:0}/{options.Days}, {transitions:N0} signed transitions");
            }
        }, ct, dayEnded).ConfigureAwait(false);
    }

    private static void Print(CliContext context, SimulationSummary s, Sidecars sidecars, StoreLocation location)
    {
        var table = new Table().Title("Simulation").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("offices / posts / officers / leave delegations", $"{s.Offices:N0} / {s.Posts:N0} / {s.Officers:N0} / {s.Delegations:N0}");
        Row("certificates issued", $"{s.CertificatesIssued:N0} ({s.Algorithm})");
        Row("files", s.Files.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Row("signed transitions", s.Transitions.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Row("sanctioned", $"{s.Sanctioned:N0}");
        Row("rejected", $"{s.Rejected:N0}");
        Row("still pending", $"{s.Pending:N0}");
        Row("closed (order issued)", $"{s.Closed:N0}");
        Row("returned to applicant", $"{s.ReturnedToApplicant:N0}");
        Row("breached time limits", $"{s.Breached:N0}");
        Row("escalations", $"{s.Escalated:N0}");
        Row("penalty accrued (Rs)", $"{s.Penalty:N0}");
        Row("provisioning (keys and certificates, before the year)", $"{s.ProvisioningSeconds:0.0} s{(s.KeyringReused == true ? ", keyring reused" : "")}");
        Row("wall time of the year", $"{s.WallSeconds:0.0} s");
        Row("transitions per second", $"{s.TransitionsPerSecond:N0}");
        context.Console.Write(table);
        var verify = location.IsPostgres ? $"fileflow verify --postgres … --schema {location.Schema} --state-dir {Path.GetDirectoryName(sidecars.RootCertificate)}" : $"fileflow verify --db {s.Store}";
        context.Out.WriteLine($"Store {s.Store}; verify with: {verify} (root {Path.GetFileName(sidecars.RootCertificate)}, organisation {Path.GetFileName(sidecars.Organisation)}, checkpoint {Path.GetFileName(sidecars.Checkpoint)})");
    }

    /// <summary>Writes the credentials asked for (away from the store, by the operator's choice): the log's, a new witness's, and the organisation
    /// administrator's. None is written beside the store: with it, whoever can write the store could re-sign what it vouches for.</summary>
    private static async Task WriteCredentialsAsync(
        Simulator simulator, OfficerCredential log, string? logPath, string? witnessPath, OfficerCredential organisation, string? organisationPath, CancellationToken ct)
    {
        if (organisationPath is not null)
        {
            await AtomicFile.WriteAllBytesAsync(organisationPath, organisation.ExportPkcs12(Sidecars.ExportPassword), ct).ConfigureAwait(false);
        }

        if (logPath is not null)
        {
            await AtomicFile.WriteAllBytesAsync(logPath, log.ExportPkcs12(Sidecars.ExportPassword), ct).ConfigureAwait(false);
        }

        if (witnessPath is not null)
        {
            var witness = simulator.Signers!.IssueServiceCredential(
                ServiceRole.Witness, new FileFlow.Organisation.OfficerId("fileflow-witness"), "FileFlow witness", CertificateKeyAlgorithm.EcdsaP256);
            await AtomicFile.WriteAllBytesAsync(witnessPath, witness.ExportPkcs12(Sidecars.ExportPassword), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the system officer's credential and, for development, every officer's, where asked: the simulation's root key never leaves
    /// the process, so these are the only credentials under it that can ever act on the store later.</summary>
    private static async Task WriteOfficerCredentialsAsync(Simulator simulator, string? systemPath, string? officersDirectory, CancellationToken ct)
    {
        if (systemPath is not null)
        {
            var system = simulator.Signers!.IssueServiceCredential(ServiceRole.System, CertificateSigners.SystemOfficer, CertificateSigners.SystemName, CertificateKeyAlgorithm.EcdsaP256);
            await AtomicFile.WriteAllBytesAsync(systemPath, system.ExportPkcs12(Sidecars.ExportPassword), ct).ConfigureAwait(false);
        }

        if (officersDirectory is not null)
        {
            Directory.CreateDirectory(officersDirectory);
            await Parallel.ForEachAsync(simulator.Signers!.Provisioned, ct, async (entry, token) =>
                await AtomicFile.WriteAllBytesAsync(Path.Combine(officersDirectory, entry.Key.Value + ".pfx"), entry.Value.ExportPkcs12(Sidecars.ExportPassword), token)
                    .ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    /// <summary>Removes a replaced store's checkpoint log: its entries are of the old store's log and cannot be extended by a new one.</summary>
    private static void DeleteCheckpointLog(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw new CliException($"{name} must be a positive number, not {value}");
}
