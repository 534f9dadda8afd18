using FileFlow.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds FileFlow's store check to <c>services.AddHealthChecks()</c>.</summary>
public static class FileFlowHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of the FileFlow store registered with <c>AddFileFlow</c>: Unhealthy (with the reason) when it cannot be reached, is of a
    /// newer schema version or its writer stopped; Degraded when the configured signed checkpoint is missing or older than allowed.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Settings applied after the <c>FileFlow:HealthChecks</c> section.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported on failure; <see langword="null"/> for Unhealthy.</param>
    /// <param name="tags">Tags to filter checks by, for example "ready".</param>
    /// <returns>The builder, for further chaining.</returns>
    public static IHealthChecksBuilder AddFileFlow(
        this IHealthChecksBuilder builder, Action<FileFlowHealthCheckOptions>? configure = null, string name = "fileflow", HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddOptions<FileFlowHealthCheckOptions>()
            .Configure<IServiceProvider>((options, provider) => FileFlowBuilder.Bind(provider, FileFlowHealthCheckOptions.SectionName, options))
            .Configure(options => configure?.Invoke(options))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileFlowHealthCheckOptions>, FileFlowHealthCheckOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder.Add(new HealthCheckRegistration(name, provider => ActivatorUtilities.CreateInstance<StoreHealthCheck>(provider), failureStatus, tags));
    }
}
