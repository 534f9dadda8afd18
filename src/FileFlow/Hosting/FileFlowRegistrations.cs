using FileFlow.Engine;
using FileFlow.Services;

namespace FileFlow.Hosting;

/// <summary>What the builder collected that the container cannot hold as services: custom routing rules and catalog and engine changes.</summary>
internal sealed class FileFlowRegistrations
{
    public List<(string ServiceId, Type RuleType)> RoutingRules { get; } = [];

    public List<Func<ServiceCatalog, ServiceCatalog>> CatalogChanges { get; } = [];

    public List<Action<IServiceProvider, FileFlowEngineOptions>> EngineChanges { get; } = [];

    /// <summary>Builds the service catalog the settings and the builder describe.</summary>
    public ServiceCatalog BuildCatalog(FileFlowOptions options)
    {
        if (!options.EnableServices)
        {
            return ServiceCatalog.Empty;
        }

        var catalog = ServiceCatalog.LoadDefaults();
        if (options.ServicesDirectory is { Length: > 0 } directory)
        {
            catalog = catalog.WithDirectory(directory);
        }

        if (options.ServicesOverrideFile is { Length: > 0 } file)
        {
            catalog = catalog.WithOverrides(file, File.ReadAllText(file));
        }

        foreach (var change in CatalogChanges)
        {
            catalog = change(catalog);
        }

        return catalog;
    }
}
