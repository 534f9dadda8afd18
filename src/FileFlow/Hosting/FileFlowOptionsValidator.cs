using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FileFlow.Hosting;

/// <summary>Checks the FileFlow settings and registrations once, at start; each failure names the setting or the builder call to fix.</summary>
internal sealed class FileFlowOptionsValidator(IServiceProviderIsService services, FileFlowRegistrations registrations) : IValidateOptions<FileFlowOptions>
{
    private const string Prefix = FileFlowOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, FileFlowOptions options)
    {
        var failures = new List<string>();
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
                registrations.BuildCatalog(options);
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
