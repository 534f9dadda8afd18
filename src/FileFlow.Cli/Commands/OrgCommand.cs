using System.CommandLine;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Import;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow org import</c>: replaces the store's organisation with an Employee Master Data file, all or nothing, and signs the result.</summary>
internal static class OrgCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var file = new Argument<string>("FILE") { Description = "The Employee Master Data CSV file (see README: Employee Master Data)" };
        var signer = new Option<string>("--signer")
        {
            Description = "The organisation administrator's PKCS#12 (.pfx) credential (Organisation role) that signs the new organisation; password in FILEFLOW_EXPORT_PASSWORD. "
                + "Kept away from the store (simulate writes one only where --org-credential says)",
            Required = true,
            HelpName = "PFX",
        };
        var import = new Command("import", "Check an Employee Master Data CSV file (offices, sections, posts, officers, assignments) and, when it changes the organisation, "
            + "write and sign the new organisation beside the store; past charges must be kept so every signed record still verifies")
        {
            file, signer, common.Json,
        };
        common.AddStoreTo(import);
        import.SetAction((result, ct) => ImportAsync(context, common.Location(result), result.GetValue(file)!, result.GetValue(signer)!, result.GetValue(common.Json), ct));
        return new Command("org", "The organisation: import Employee Master Data") { import };
    }

    private static async Task<int> ImportAsync(CliContext context, StoreLocation location, string path, string signerPath, bool json, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"no Employee Master Data file at '{path}'");
        }

        var sidecars = new Sidecars(location.SidecarPrefix);
        if (!File.Exists(sidecars.Organisation))
        {
            throw new CliException($"no organisation at '{sidecars.Organisation}': the store's organisation (and its root '{sidecars.RootCertificate}') must exist first");
        }

        // The organisation being replaced must be the signed one: an import never builds on an edited file. The new one is signed with the
        // administrator's credential, which must state the Organisation role; it is checked before anything is read or written.
        OrganisationSignature.Check(sidecars.Organisation, Sidecars.LoadCertificate(sidecars.RootCertificate), allowUnsigned: false);
        var credential = Sidecars.LoadServiceCredential(signerPath, ServiceRole.Organisation, "--signer");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        EmployeeMasterData data;
        try
        {
            data = await EmployeeMasterDataImporter.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (EmployeeMasterDataException e)
        {
            foreach (var error in e.Errors)
            {
                await context.Error.WriteLineAsync($"{Path.GetFileName(path)}: {error}").ConfigureAwait(false);
            }

            throw new CliException($"'{path}' has {e.Errors.Length} problem(s) (listed above); nothing imported");
        }

        var existing = OrganisationFile.Load(sidecars.Organisation).Normalised();
        var imported = OrganisationFile.FromEmployeeMasterData(data, existing.Delegations);
        var now = TimeProvider.System.GetUtcNow();
        var lost = LostHistory(existing, imported, now);
        if (lost.Count > 0)
        {
            foreach (var line in lost)
            {
                await context.Error.WriteLineAsync($"{Path.GetFileName(path)}: {line}").ConfigureAwait(false);
            }

            throw new CliException($"'{path}' rewrites {lost.Count} past charge(s) (listed above) that signed records may rely on; nothing imported");
        }

        try
        {
            imported.ToChart();
        }
        catch (FileFlow.Organisation.InvalidOrganisationException e)
        {
            throw new CliException($"'{path}' cannot replace the organisation: {e.Message}");
        }

        var changed = !imported.ToJsonBytes().AsSpan().SequenceEqual(existing.ToJsonBytes());
        if (changed)
        {
            var temporary = sidecars.Organisation + ".import";
            await File.WriteAllBytesAsync(temporary, imported.ToJsonBytes(), cancellationToken).ConfigureAwait(false);
            var signature = await credential.CreateSigner().SignAsync(await File.ReadAllBytesAsync(temporary, cancellationToken).ConfigureAwait(false), now, cancellationToken)
                .ConfigureAwait(false);

            // Keep the organisation being replaced (and its signature) as a numbered version, then move the new one in.
            var version = 1;
            while (File.Exists($"{sidecars.Organisation}.v{version}"))
            {
                version++;
            }

            File.Copy(sidecars.Organisation, $"{sidecars.Organisation}.v{version}");
            File.Copy(sidecars.OrganisationSignature, $"{sidecars.Organisation}.v{version}.p7s");
            await AtomicFile.WriteAllBytesAsync(sidecars.OrganisationSignature + ".import", signature.Value, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, sidecars.Organisation, overwrite: true);
            File.Move(sidecars.OrganisationSignature + ".import", sidecars.OrganisationSignature, overwrite: true);
        }

        stopwatch.Stop();
        if (json)
        {
            context.WriteJson(new
            {
                changed,
                offices = data.Offices.Length,
                posts = data.Posts.Length,
                officers = data.Officers.Length,
                assignments = data.Assignments.Length,
                seconds = stopwatch.Elapsed.TotalSeconds,
            });
        }
        else
        {
            context.Out.WriteLine(changed
                ? $"Imported {data.Offices.Length:N0} offices, {data.Posts.Length:N0} posts, {data.Officers.Length:N0} officers, {data.Assignments.Length:N0} assignments "
                  + $"in {stopwatch.Elapsed.TotalSeconds:F2} s; the organisation '{sidecars.Organisation}' is replaced and signed ('{sidecars.OrganisationSignature}')."
                : $"No change: '{path}' describes the organisation the store already has.");
        }

        return ExitCodes.Ok;
    }

    // A charge that began before now is history signed records may rely on: it must stay, from the same time, and may only be closed now or later.
    private static List<string> LostHistory(OrganisationFile existing, OrganisationFile imported, DateTimeOffset now)
    {
        var kept = imported.Assignments.ToLookup(a => (a.Officer, a.Post, a.From));
        var lost = new List<string>();
        foreach (var a in existing.Assignments.Where(a => a.From <= now))
        {
            var match = kept[(a.Officer, a.Post, a.From)].FirstOrDefault();
            if (match is null)
            {
                lost.Add($"officer '{a.Officer}' held post '{a.Post}' from {a.From:O}; the file drops that charge");
            }
            else if (match.Until != a.Until && (a.Until is not null && a.Until <= now || match.Until is { } until && until < now))
            {
                lost.Add($"officer '{a.Officer}' held post '{a.Post}' from {a.From:O} until {a.Until?.ToString("O") ?? "now"}; the file moves the end into the past");
            }
        }

        return lost;
    }
}
