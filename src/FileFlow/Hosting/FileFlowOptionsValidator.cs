using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FileFlow.Hosting;

/// <summary>Checks the FileFlow settings and registrations once, at start; each failure names the setting or the builder call to fix.</summary>
/// <remarks>With services enabled it also checks what the engine would check when built: every role the catalog names is held by a post in
/// the organisation, and the signer provider has a signer for <see cref="FileFlowOptions.SystemOfficer"/>.</remarks>
internal sealed class FileFlowOptionsValidator(IServiceProvider provider, FileFlowRegistrations registrations) : IValidateOptions<FileFlowOptions>
{
    private const string Prefix = FileFlowOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, FileFlowOptions options)
    {
        var services = provider.GetRequiredService<IServiceProviderIsService>();
        var failures = new List<string>();
        ServiceCatalog? catalog = null;
        if (string.IsNullOrWhiteSpace(options.SystemOfficer))
        {
            failures.Add($"{Prefix}{nameof(FileFlowOptions.SystemOfficer)} must be set: the officer who signs escalations when time limits pass.");
        }

        if (options.ServicesOverrideFile is { Length: > 0 } file && !File.Exists(file))
        {
            failures.Add($"{Prefix}{nameof(FileFlowOptions.ServicesOverrideFile)} names '{file}', which does not exist.");
        }
        else if (options.ServicesDirectory is { Length: > 0 } directory && !Directory.Exists(directory))
        {
            failures.Add($"{Prefix}{nameof(FileFlowOptions.ServicesDirectory)} names '{directory}', which does not exist.");
        }
        else
        {
            try
            {
                catalog = registrations.BuildCatalog(options);
            }
            catch (Exception e) when (e is ServiceDefinitionException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"{Prefix}{nameof(FileFlowOptions.ServicesOverrideFile)} / {nameof(FileFlowOptions.ServicesDirectory)}: the service catalog does not load: {e.Message}");
            }
        }

        if (!services.IsService(typeof(IDocumentStore)))
        {
            failures.Add("No FileFlow store is configured: call UseSqlite(...), UsePostgreSql(...) or UseInMemoryStore() in AddFileFlow.");
        }

        if (!services.IsService(typeof(ISignerProvider)))
        {
            failures.Add("No ISignerProvider is registered: call UseSigner(...) in AddFileFlow or register one.");
        }

        if (!services.IsService(typeof(OrganisationChart)))
        {
            failures.Add("No OrganisationChart is registered: call UseOrganisation(...) in AddFileFlow or register one.");
        }

        if (catalog is { Services.Count: > 0 } && failures.Count == 0)
        {
            CheckCatalogCanWork(catalog, options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckCatalogCanWork(ServiceCatalog catalog, FileFlowOptions options, List<string> failures)
    {
        try
        {
            catalog.ValidateAgainst(provider.GetRequiredService<OrganisationChart>());
        }
        catch (ServiceDefinitionException e)
        {
            failures.Add($"The service catalog does not fit the organisation chart: {e.Message}. Add a post with that role, or change the service.");
        }

        var system = new OfficerId(options.SystemOfficer);
        try
        {
            _ = provider.GetRequiredService<ISignerProvider>().GetSigner(system);
        }
        catch (SignerNotFoundException)
        {
            failures.Add($"{Prefix}{nameof(FileFlowOptions.SystemOfficer)} names '{system}', who has no signer, so no overdue file could be escalated: register a signer for '{system}' in the signer provider.");
        }
    }
}
