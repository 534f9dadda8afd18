using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FileFlow.Hosting;

/// <summary>Configures the FileFlow services of a container: the store, the officers' signers, the organisation, services and routing rules.</summary>
/// <remarks>Returned by <c>services.AddFileFlow(...)</c>; store packages add <c>UseSqlite</c> and <c>UsePostgreSql</c> on top of <see cref="UseStore(Func{IServiceProvider, CancellationToken, ValueTask{IDocumentStore}})"/>. A later <c>Use*</c> call replaces an earlier one.</remarks>
public sealed class FileFlowBuilder
{
    internal FileFlowBuilder(IServiceCollection services, FileFlowRegistrations registrations)
    {
        Services = services;
        Registrations = registrations;
    }

    /// <summary>Gets the service collection FileFlow registers into.</summary>
    public IServiceCollection Services { get; }

    internal FileFlowRegistrations Registrations { get; }

    /// <summary>Uses a store that <paramref name="open"/> opens on first use, or when the host starts, whichever comes first; the container disposes it.</summary>
    /// <remarks>This is the seam store packages build on: the open runs asynchronously, once, and is retried if it failed.</remarks>
    public FileFlowBuilder UseStore(Func<IServiceProvider, CancellationToken, ValueTask<IDocumentStore>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        Services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(sp => new LazyDocumentStore(ct => open(sp, ct))));
        return this;
    }

    /// <summary>Uses a store the application has opened and owns (the container does not dispose it).</summary>
    public FileFlowBuilder UseStore(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Services.Replace(ServiceDescriptor.Singleton(store));
        return this;
    }

    /// <summary>Uses an in-memory store: for tests, simulations and demonstrations; everything is lost when the process ends.</summary>
    public FileFlowBuilder UseInMemoryStore()
    {
        Services.Replace(ServiceDescriptor.Singleton<IDocumentStore, InMemoryDocumentStore>());
        return this;
    }

    /// <summary>Uses <paramref name="signers"/> to find each officer's signer.</summary>
    public FileFlowBuilder UseSigner(ISignerProvider signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        Services.Replace(ServiceDescriptor.Singleton(signers));
        return this;
    }

    /// <summary>Uses the signer provider <paramref name="factory"/> creates once, from the container.</summary>
    public FileFlowBuilder UseSigner(Func<IServiceProvider, ISignerProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Uses a signer provider of type <typeparamref name="TProvider"/>, created once by the container.</summary>
    public FileFlowBuilder UseSigner<TProvider>()
        where TProvider : class, ISignerProvider
    {
        Services.Replace(ServiceDescriptor.Singleton<ISignerProvider, TProvider>());
        return this;
    }

    /// <summary>Uses <paramref name="organisation"/> as the organisation chart authority is checked against.</summary>
    public FileFlowBuilder UseOrganisation(OrganisationChart organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        Services.Replace(ServiceDescriptor.Singleton(organisation));
        return this;
    }

    /// <summary>Uses the organisation chart <paramref name="factory"/> builds once, from the container.</summary>
    public FileFlowBuilder UseOrganisation(Func<IServiceProvider, OrganisationChart> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Routes the files of one service with <typeparamref name="TRule"/>, resolved from the container, instead of the service's route definition.</summary>
    /// <remarks>The rule is registered as a singleton if the application has not registered it; see <see cref="ServiceRouting.Register"/>.</remarks>
    public FileFlowBuilder AddRoutingRule<TRule>(string serviceId)
        where TRule : class, IRoutingRule
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        Services.TryAddSingleton<TRule>();
        Registrations.RoutingRules.Add((serviceId, typeof(TRule)));
        return this;
    }

    /// <summary>Adds a service definition (JSON, in the format of the built-in ones) to the catalog, or a new version of an existing service.</summary>
    /// <param name="source">Where the JSON came from, named in validation errors.</param>
    /// <param name="json">The definition.</param>
    public FileFlowBuilder AddService(string source, string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        Registrations.CatalogChanges.Add(catalog => catalog.With([(source, json)]));
        return this;
    }

    /// <summary>Changes the service catalog after the settings' directory and overrides are applied, for example <c>c =&gt; c.WithOverrides("code", json)</c>.</summary>
    public FileFlowBuilder ConfigureCatalog(Func<ServiceCatalog, ServiceCatalog> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Registrations.CatalogChanges.Add(change);
        return this;
    }

    /// <summary>Adjusts the engine's options after FileFlow has filled them from the container, just before the engine is built.</summary>
    public FileFlowBuilder ConfigureEngine(Action<IServiceProvider, FileFlowEngineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Registrations.EngineChanges.Add(configure);
        return this;
    }

    /// <summary>
    /// Runs the escalation sweep in the background: when the host starts, then every <see cref="FileFlowEscalationOptions.Interval"/>
    /// (bound from <c>FileFlow:Escalation</c>, then <paramref name="configure"/>). Safe on every node at once; logs each sweep and records
    /// the <c>fileflow.escalation.*</c> metrics on the "FileFlow" meter.
    /// </summary>
    public FileFlowBuilder AddBackgroundEscalation(Action<FileFlowEscalationOptions>? configure = null)
    {
        Services.AddOptions<FileFlowEscalationOptions>()
            .Configure<IServiceProvider>((options, provider) => Bind(provider, FileFlowEscalationOptions.SectionName, options))
            .Configure(options => configure?.Invoke(options))
            .ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileFlowEscalationOptions>, FileFlowEscalationOptionsValidator>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EscalationService>());
        return this;
    }

    /// <summary>
    /// Adds the FileFlow store health check (named "fileflow") to the application's health checks: reachable, schema version, writer
    /// alive, and the age of the signed checkpoint when <see cref="FileFlowHealthCheckOptions.CheckpointPath"/> is set.
    /// </summary>
    public FileFlowBuilder AddHealthChecks(Action<FileFlowHealthCheckOptions>? configure = null)
    {
        Services.AddHealthChecks().AddFileFlow(configure);
        return this;
    }

    internal static void Bind(IServiceProvider provider, string section, object options) =>
        provider.GetService<IConfiguration>()?.GetSection(section).Bind(options);

    /// <summary>Changes the FileFlow settings in code, after the configuration section is bound.</summary>
    public FileFlowBuilder Configure(Action<FileFlowOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
