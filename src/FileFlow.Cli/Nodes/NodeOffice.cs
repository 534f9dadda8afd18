using System.Collections.Concurrent;
using System.Text.Json;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.Cli.Nodes;

/// <summary>
/// The organisation several app nodes serve: its chart, who holds which post, the service catalogue and every officer's signing key.
/// <see cref="PrepareAsync"/> creates it once with its files; each node process then loads it with <see cref="Load"/> and builds its own engine.
/// </summary>
/// <remarks>
/// The officers' keys travel in the sidecar <c>.officers.json</c> (PKCS#12 per officer, under the export password): a development
/// stand-in for the key store or signing service each node would reach in production. It is secret; the store never needs it to verify.
/// </remarks>
internal sealed class NodeOffice
{
    /// <summary>The sequence of a prepared file: created (0) and its application attached (1); the nodes act from here.</summary>
    public const long PreparedSequence = 1;

    private NodeOffice(OrganisationFile organisation, ISignerProvider signers)
    {
        Organisation = organisation;
        Chart = organisation.ToChart();
        Catalog = ServiceCatalog.LoadDefaults();
        Catalog.ValidateAgainst(Chart);
        Signers = signers;
        Holders = organisation.Assignments.ToDictionary(a => new PostId(a.Post), a => new OfficerId(a.Officer));
    }

    public OrganisationFile Organisation { get; }

    public OrganisationChart Chart { get; }

    public ServiceCatalog Catalog { get; }

    public ISignerProvider Signers { get; }

    public IReadOnlyDictionary<PostId, OfficerId> Holders { get; }

    /// <summary>The sidecar with the officers' keys: <c>&lt;prefix&gt;.officers.json</c> beside <c>&lt;prefix&gt;.org.json</c>.</summary>
    public static string OfficersPath(Sidecars sidecars) => sidecars.Organisation[..^".org.json".Length] + ".officers.json";

    /// <summary>An engine of this node's own over its own store (and so its own connection pool), on the wall clock; nodes escalate nothing, so it has no system officer.</summary>
    public FileFlowEngine CreateEngine(IDocumentStore store) =>
        new(store, Signers, Chart, new FileFlowEngineOptions { TimeProvider = TimeProvider.System, Services = Catalog, SystemOfficer = null });

    /// <summary>Returns the officer who acts for a post now: its holder, or the holder of the post in current charge while they are on leave.</summary>
    public OfficerId ActorFor(PostId post, DateTimeOffset at) =>
        Chart.DelegateOf(post, at) is { } acting && Holders.TryGetValue(acting, out var delegateOfficer) ? delegateOfficer : Holders[post];

    /// <summary>Generates the organisation and its keys, writes the sidecars (root, chart, officers' keys) and opens <paramref name="files"/> service files.</summary>
    public static async Task<NodeOffice> PrepareAsync(IDocumentStore store, Sidecars sidecars, int offices, int files, int seed, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var organisation = OrganisationGenerator.Generate(offices, seed, now.AddDays(-1), days: 1);
        var chart = organisation.ToChart();
        var authority = DevelopmentCertificateAuthority.CreateRoot("FileFlow Nodes Root CA", now.AddYears(-1), now.AddYears(20), CertificateKeyAlgorithm.EcdsaP256);
        var issuer = new CertificateSigners(authority, chart, CertificateKeyAlgorithm.EcdsaP256, now.AddDays(-2), now.AddYears(10));
        var keys = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var registry = new SignerRegistry();
        foreach (var officer in organisation.Officers)
        {
            var credential = issuer.IssueCredential(new OfficerId(officer.Id), officer.Name);
            keys[officer.Id] = Convert.ToBase64String(credential.ExportPkcs12(Sidecars.ExportPassword));
            registry.Register(new OfficerId(officer.Id), credential.CreateSigner());
        }

        await File.WriteAllTextAsync(sidecars.RootCertificate, authority.Root.ExportCertificatePem() + "\n", cancellationToken).ConfigureAwait(false);
        organisation.Save(sidecars.Organisation);
        var officers = JsonSerializer.Serialize(new SortedDictionary<string, string>(keys, StringComparer.Ordinal), CliContext.Json);
        await File.WriteAllTextAsync(OfficersPath(sidecars), officers, cancellationToken).ConfigureAwait(false);

        var office = new NodeOffice(organisation, registry);
        var engine = office.CreateEngine(store);
        var assistants = chart.Posts.Where(p => p.Role == OrganisationGenerator.DealingAssistant).OrderBy(p => p.Id.Value, StringComparer.Ordinal).ToArray();
        var services = office.Catalog.Services;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, files), parallel, async (i, ct) =>
        {
            var random = new Random(SimulationSeed.For(seed, 0x0DE5, i));
            var post = assistants[random.Next(assistants.Length)];
            var service = services[random.Next(services.Count)];
            var applicant = "Shri/Smt " + organisation.Officers[random.Next(organisation.Officers.Count)].Name;
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var (inputs, subject) = ApplicationGenerator.Create(service.Id, random, today, applicant);
            var actor = office.ActorFor(post.Id, now);
            var letter = new NewReceipt(post.Section ?? "EST", applicant, today, $"Application: {service.NameEnglish}", ReceiptMedium.Electronic);
            var receipt = await engine.DiariseReceiptAsync(actor, post.Id, letter, cancellationToken: ct).ConfigureAwait(false);
            var file = await engine.OpenFileAsync(actor, post.Id, new NewFile(post.Office.Value, post.Section ?? "EST", "NODE", subject)
            {
                ServiceId = service.Id,
                Inputs = inputs,
                Application = receipt.Head.Id,
            }, cancellationToken: ct).ConfigureAwait(false);
            var attach = new DocumentAction(file.Head.Id, DocumentTrigger.AttachReceipt, actor) { Receipt = receipt.Head.Id };
            await engine.FireAsync(attach, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return office;
    }

    /// <summary>Loads the organisation and the officers' keys that <see cref="PrepareAsync"/> wrote.</summary>
    public static NodeOffice Load(Sidecars sidecars)
    {
        if (!File.Exists(sidecars.Organisation))
        {
            throw new CliException($"no organisation chart at '{sidecars.Organisation}': run 'fileflow nodes prepare' first");
        }

        var path = OfficersPath(sidecars);
        if (!File.Exists(path))
        {
            throw new CliException($"no officers' keys at '{path}': run 'fileflow nodes prepare' first");
        }

        Dictionary<string, string> keys;
        try
        {
            keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path), CliContext.Json)
                ?? throw new CliException($"'{path}' is empty");
        }
        catch (JsonException e)
        {
            throw new CliException($"'{path}' is not an officers' key file: {e.Message}");
        }

        var registry = new SignerRegistry();
        foreach (var (officer, pfx) in keys)
        {
            using var stream = new MemoryStream(Convert.FromBase64String(pfx));
            registry.Register(new OfficerId(officer), OfficerCredential.LoadPkcs12(stream, Sidecars.ExportPassword).CreateSigner());
        }

        return new NodeOffice(OrganisationFile.Load(sidecars.Organisation), registry);
    }
}
