using System.Diagnostics.Metrics;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Hosting;
using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FileFlow in a <see cref="IServiceCollection"/>.</summary>
public static class FileFlowServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="FileFlowEngine"/> as a thread-safe singleton, its settings (bound from the <c>FileFlow</c> configuration section and validated at start) and its defaults, then lets <paramref name="configure"/> choose the store, signers, organisation and rules.</summary>
    /// <remarks>
    /// Registrations use <c>TryAdd</c>, so services the application registered first win: <see cref="TimeProvider"/> (default <see cref="TimeProvider.System"/>),
    /// <see cref="IHolidayCalendar"/>, <see cref="IFileNumberGenerator"/>, <see cref="ServiceCatalog"/> and a general <see cref="IRoutingRule"/>.
    /// The engine logs through the container's <see cref="ILoggerFactory"/> and records metrics through its <see cref="IMeterFactory"/> when they are registered.
    /// When the host starts, the engine is built and checks its configuration: every role the service catalog names must be held by a post in the
    /// organisation (<see cref="ServiceDefinitionException"/> names the service, path and role), and the signer provider must have a signer for
    /// <c>FileFlow:SystemOfficer</c> (<see cref="EngineConfigurationException"/> names the officer); either fails the start.
    /// Calling this again adds to the same registration.
    /// </remarks>
    /// <returns>The builder, for further chaining.</returns>
    public static FileFlowBuilder AddFileFlow(this IServiceCollection services, Action<FileFlowBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(FileFlowRegistrations))?.ImplementationInstance as FileFlowRegistrations;
        var registrations = existing ?? new FileFlowRegistrations();
        if (existing is null)
        {
            services.AddSingleton(registrations);
            services.AddOptions<FileFlowOptions>()
                .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(FileFlowOptions.SectionName).Bind(options))
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileFlowOptions>, FileFlowOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FileFlowStartup>());
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(provider => provider.GetRequiredService<FileFlowRegistrations>().BuildCatalog(provider.GetRequiredService<IOptions<FileFlowOptions>>().Value));
            services.TryAddSingleton(CreateEngine);
        }

        var builder = new FileFlowBuilder(services, registrations);
        configure?.Invoke(builder);
        return builder;
    }

    private static FileFlowEngine CreateEngine(IServiceProvider provider)
    {
        var settings = provider.GetRequiredService<IOptions<FileFlowOptions>>().Value;
        var registrations = provider.GetRequiredService<FileFlowRegistrations>();
        var catalog = settings.EnableServices ? provider.GetRequiredService<ServiceCatalog>() : null;
        var general = provider.GetService<IRoutingRule>();
        IRoutingRule? routing = general;
        if (catalog is not null)
        {
            var serviceRouting = new ServiceRouting(catalog, general);
            foreach (var (serviceId, ruleType) in registrations.RoutingRules)
            {
                serviceRouting.Register(serviceId, (IRoutingRule)provider.GetRequiredService(ruleType));
            }

            routing = serviceRouting;
        }
        else if (registrations.RoutingRules.Count > 0)
        {
            throw new InvalidOperationException($"Routing rules were added for services ({string.Join(", ", registrations.RoutingRules.Select(r => r.ServiceId))}) but {FileFlowOptions.SectionName}:{nameof(FileFlowOptions.EnableServices)} is false.");
        }

        var options = new FileFlowEngineOptions
        {
            TimeProvider = provider.GetRequiredService<TimeProvider>(),
            Services = catalog,
            Routing = routing,
            Calendar = provider.GetService<IHolidayCalendar>(),
            NumberGenerator = provider.GetService<IFileNumberGenerator>(),
            SystemOfficer = new OfficerId(settings.SystemOfficer),
            LoggerFactory = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            MeterFactory = provider.GetService<IMeterFactory>(),
        };
        foreach (var change in registrations.EngineChanges)
        {
            change(provider, options);
        }

        return new FileFlowEngine(
            provider.GetRequiredService<IDocumentStore>(),
            provider.GetRequiredService<ISignerProvider>(),
            provider.GetRequiredService<OrganisationChart>(),
            options);
    }
}
