using System.Security.Cryptography.X509Certificates;
using FileFlow.Cli.Simulation;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Cli.Infrastructure;

/// <summary>An engine over a command's store, built from its sidecars: the root, the signed organisation and the instance name, with only the
/// signers the command was given (an officer's, or a service's).</summary>
internal sealed class CliEngine : IAsyncDisposable
{
    private readonly OpenedStore opened;

    private CliEngine(OpenedStore opened, FileFlowEngine engine, OrganisationChart chart, X509Certificate2 root, Sidecars sidecars)
    {
        this.opened = opened;
        Engine = engine;
        Chart = chart;
        Root = root;
        Sidecars = sidecars;
    }

    public FileFlowEngine Engine { get; }

    public IDocumentStore Store => opened.Store;

    public OrganisationChart Chart { get; }

    public X509Certificate2 Root { get; }

    public Sidecars Sidecars { get; }

    /// <summary>Reads the store's root and signed organisation (refusing an unsigned or edited one), without opening the store.</summary>
    public static (Sidecars Sidecars, X509Certificate2 Root, OrganisationChart Chart) ReadSidecars(StoreLocation location)
    {
        var sidecars = new Sidecars(location.SidecarPrefix);
        var root = Sidecars.LoadCertificate(sidecars.RootCertificate);
        if (!File.Exists(sidecars.Organisation))
        {
            throw new CliException($"no organisation chart at '{sidecars.Organisation}': the store's organisation must exist beside it");
        }

        // Acting on an organisation nobody signed could grant authority nobody granted.
        OrganisationSignature.Check(sidecars.Organisation, root, allowUnsigned: false);
        return (sidecars, root, OrganisationFile.Load(sidecars.Organisation).ToChart());
    }

    /// <summary>Opens the store (which must exist) and builds an engine that signs with <paramref name="signers"/>; <paramref name="systemOfficer"/> is
    /// the officer whose signer signs receipts (null: the engine makes none); <paramref name="instance"/> names this instance, or null.</summary>
    public static async Task<CliEngine> OpenAsync(
        StoreLocation location, SignerRegistry signers, OfficerId? systemOfficer, string? instance, bool readOnly, CancellationToken cancellationToken)
    {
        var (sidecars, root, chart) = ReadSidecars(location);
        await StoreFactory.EnsureExistsAsync(location, cancellationToken).ConfigureAwait(false);
        var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: readOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var engine = new FileFlowEngine(opened.Store, signers, chart, new FileFlowEngineOptions
            {
                Services = ServiceCatalog.LoadDefaults(),
                SystemOfficer = systemOfficer,
                Instance = instance,
            });
            return new CliEngine(opened, engine, chart, root, sidecars);
        }
        catch
        {
            await opened.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens the store and builds an engine that signs as the one officer <paramref name="officer"/> acting with <paramref name="credential"/>.</summary>
    public static Task<CliEngine> ForOfficerAsync(
        StoreLocation location, OfficerId officer, Signing.Certificates.OfficerCredential credential, string? instance, CancellationToken cancellationToken) =>
        OpenAsync(location, new SignerRegistry().Register(officer, credential.CreateSigner()), systemOfficer: null, instance, readOnly: false, cancellationToken);

    public ValueTask DisposeAsync() => opened.DisposeAsync();
}
