using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FileFlow.Audit;
using FileFlow.Authority;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow copy</c>: the public information officer withholds parts of a file (each a signed record) and writes its certified copy,
/// signed by them and checkable with openssl alone (<c>verify --copy</c> checks it with FileFlow).</summary>
internal static class CopyCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var file = new Option<string>("--file") { Description = "The file number (or document id) to copy", Required = true, HelpName = "NUMBER" };
        var output = new Option<string>("--out") { Description = "The new or empty folder to write the certified copy to", Required = true, HelpName = "DIR" };
        var officer = new Option<string>("--officer") { Description = "The public information officer certifying the copy (an officer id of the organisation)", Required = true, HelpName = "ID" };
        var credential = new Option<string>("--credential") { Description = "The officer's PKCS#12 (.pfx) credential; password in FILEFLOW_CREDENTIAL_PASSWORD", Required = true, HelpName = "PFX" };
        var withhold = new Option<string[]>("--withhold")
        {
            Description = "Withhold a part first, as a signed record: DOC is a noting's, receipt's or draft's id or diary number, PARA a noting's paragraph, "
                + "SECTION one of 8(1)(a) to 8(1)(j); repeat for each part",
            HelpName = "DOC[:PARA]=SECTION:REASON",
            AllowMultipleArgumentsPerToken = false,
        };
        var clearance = new Option<SecurityGrading>("--clearance") { Description = "The grading the copy is released at; parts graded above it must be withheld", DefaultValueFactory = _ => SecurityGrading.Normal };
        var request = new Option<string?>("--request") { Description = "What the copy answers, e.g. the RTI application's number", HelpName = "TEXT" };
        var org = new Option<string?>("--org") { Description = "The organisation chart (JSON); default <db>.org.json", HelpName = "JSON" };
        var root = new Option<string?>("--root") { Description = "The trusted root certificate (PEM) the chart's signature is checked against; default <db>.root.pem", HelpName = "PEM" };
        var allowUnsignedOrg = new Option<bool>("--allow-unsigned-org") { Description = "Accept an organisation chart with no valid signature" };
        var command = new Command("copy", "Withhold parts of a file under RTI Act s.8(1) (each a signed record) and write its certified copy, signed by the public information officer")
        {
            file, output, officer, credential, withhold, clearance, request, org, root, allowUnsignedOrg, common.Json,
        };
        common.AddStoreTo(command);
        command.SetAction((result, ct) => CopyAsync(context, common.Location(result), new Arguments(
            result.GetValue(file)!, result.GetValue(output)!, result.GetValue(officer)!, result.GetValue(credential)!, result.GetValue(withhold) ?? [],
            result.GetValue(clearance), result.GetValue(request), result.GetValue(org), result.GetValue(root), result.GetValue(allowUnsignedOrg)), result.GetValue(common.Json), ct));
        return command;
    }

    private static async Task<int> CopyAsync(CliContext context, StoreLocation location, Arguments a, bool json, CancellationToken cancellationToken)
    {
        if (File.Exists(a.Output) || (Directory.Exists(a.Output) && Directory.EnumerateFileSystemEntries(a.Output).Any()))
        {
            throw new CliException($"'{a.Output}' already exists and is not an empty folder: give a new folder");
        }

        var parsed = a.Withhold.Select(Parse).ToList();
        var sidecars = new Sidecars(location.SidecarPrefix);
        var orgPath = a.Org ?? sidecars.Organisation;
        if (!File.Exists(orgPath))
        {
            throw new CliException($"no organisation chart at '{orgPath}': pass --org PATH");
        }

        var root = Sidecars.LoadCertificate(a.Root ?? sidecars.RootCertificate);
        if (OrganisationSignature.Check(orgPath, root, a.AllowUnsignedOrg) is { } warning)
        {
            await context.Error.WriteLineAsync("fileflow: warning: " + warning).ConfigureAwait(false);
        }

        var chart = OrganisationFile.Load(orgPath).ToChart();
        var pio = new OfficerId(a.Officer);
        if (!chart.ContainsOfficer(pio))
        {
            throw new CliException($"officer '{a.Officer}' is not in the organisation chart");
        }

        var pioCredential = await OfficerOptions.LoadAsync(pio, a.Credential, root, TimeProvider.System.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var disposeStore = opened.ConfigureAwait(false);
        var store = opened.Store;
        var head = await Lookup.FileAsync(store, a.File, cancellationToken).ConfigureAwait(false);
        // A withholding and a copy need no service's powers: the policy and the engine are the general ones (the organisation need not staff every service role).
        var authority = new AuthorityPolicy(chart);

        // Everything is checked before the first withholding is signed, so bad input stores nothing and writes no copy.
        authority.AuthorisePublicInformationOfficer(head, pio, TimeProvider.System.GetUtcNow());
        var parts = new List<DocumentHead>();
        await foreach (var child in store.QueryAllAsync(new DocumentQuery { Parent = head.Id, Limit = 1000 }, cancellationToken).ConfigureAwait(false))
        {
            parts.Add(child);
        }

        var actions = new List<DocumentAction>();
        foreach (var (document, paragraph, section, reason) in parsed)
        {
            var part = parts.FirstOrDefault(p => p.Id.ToString() == document || string.Equals(p.Reference, document, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliException($"--withhold names '{document}', which is not a noting, receipt or draft of file {head.Reference}");
            await CheckParagraphAsync(store, part, paragraph, cancellationToken).ConfigureAwait(false);
            var withholding = new Withholding(part.Id, section) { Paragraph = paragraph };
            actions.Add(new DocumentAction(head.Id, DocumentTrigger.Withhold, pio) { Withholding = withholding, Reason = reason, ActionId = ActionIdOf(head.Id, withholding, reason) });
        }

        var engine = new FileFlowEngine(store, new SignerRegistry().Register(pio, pioCredential.CreateSigner()), chart,
            new FileFlowEngineOptions { TimeProvider = TimeProvider.System, SystemOfficer = null });
        foreach (var action in actions)
        {
            await engine.FireAsync(action, cancellationToken).ConfigureAwait(false);
        }

        var options = new CertifiedCopyOptions { Officer = pio, Signer = pioCredential.CreateSigner(), Authority = authority, Clearance = a.Clearance, Request = a.Request };
        var copy = await CertifiedCopyExporter.ExportAsync(store, head.Id, options, a.Output, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            context.WriteJson(new
            {
                fileNumber = head.Reference,
                document = head.Id.ToString(),
                path = Path.GetFullPath(copy.Path),
                released = copy.Released.Count,
                records = copy.Records,
                withheld = copy.Withheld.Select(w => new { document = w.Document.ToString(), paragraph = w.Paragraph, section = w.Section.ToString(), reason = w.Reason, record = w.Sequence }),
            });
        }
        else
        {
            context.Out.WriteLine($"Certified copy of {head.Reference}: {copy.Released.Count:N0} documents, {copy.Records:N0} signed records, {copy.Withheld.Count:N0} parts withheld → {copy.Path}");
            context.Out.WriteLine($"Check it with: fileflow verify --copy {copy.Path} --root {a.Root ?? sidecars.RootCertificate}   (or follow its README.txt with openssl)");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Parses <c>DOC[:PARA]=SECTION:REASON</c>.</summary>
    internal static (string Document, int? Paragraph, RtiExemption Section, string Reason) Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var colon = equals < 0 ? -1 : text.IndexOf(':', equals);
        if (equals <= 0 || colon < 0 || colon == text.Length - 1)
        {
            throw new CliException($"--withhold '{text}' is not DOC[:PARA]=SECTION:REASON, e.g. 3f2a…:2=8(1)(j):\"personal information\"");
        }

        var target = text[..equals];
        var section = RtiExemption.Parse(text[(equals + 1)..colon]);
        var reason = text[(colon + 1)..].Trim();
        var at = target.LastIndexOf(':');
        if (at < 0)
        {
            return (target, null, section, reason);
        }

        return int.TryParse(target[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var paragraph) && paragraph > 0
            ? (target[..at], paragraph, section, reason)
            : throw new CliException($"--withhold '{text}': '{target[(at + 1)..]}' is not a paragraph number");
    }

    private static async Task CheckParagraphAsync(IDocumentStore store, DocumentHead part, int? paragraph, CancellationToken cancellationToken)
    {
        if (paragraph is not { } n)
        {
            return;
        }

        ReadOnlyMemory<byte>? content = null;
        await foreach (var stored in store.ReadStreamAsync(part.Id, cancellationToken).ConfigureAwait(false))
        {
            content = stored.Content is { Length: > 0 } data ? data : content;
        }

        var count = part.Kind == DocumentKind.Noting && content is { } text ? NotingContent.Decode(text.Span).Length : 0;
        if (n > count)
        {
            throw new CliException($"--withhold names paragraph {n} of {part.Kind} {part.Id}, which has {count} numbered paragraphs");
        }
    }

    // The same withholding asked again is the same action: a re-run after an interruption does not sign it twice.
    private static Guid ActionIdOf(DocumentId file, Withholding withholding, string reason) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"fileflow-cli-withhold/{file}/{withholding.Document}/{withholding.Paragraph}/{withholding.Section}/{reason}")).AsSpan(0, 16));

    private sealed record Arguments(string File, string Output, string Officer, string Credential, string[] Withhold, SecurityGrading Clearance, string? Request, string? Org, string? Root, bool AllowUnsignedOrg);
}
