using FileFlow.Hosting;
using FileFlow.Sqlite;
using FileFlow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs the embedded SQLite store into FileFlow's container registration.</summary>
public static class FileFlowSqliteBuilderExtensions
{
    /// <summary>The configuration section the SQLite settings are bound from: "FileFlow:Sqlite" (<c>Path</c>, <c>ConnectionString</c>, <c>SynchronousMode</c>, <c>GroupCommit</c>, <c>MaxGroupSize</c>, <c>BusyTimeout</c>).</summary>
    public const string SectionName = FileFlowOptions.SectionName + ":Sqlite";

    /// <summary>Stores records in a SQLite database file, opened asynchronously on first use (or when the host starts) and disposed with the container.</summary>
    /// <param name="builder">The FileFlow builder.</param>
    /// <param name="path">The database file; <see langword="null"/> to take <c>FileFlow:Sqlite:Path</c> (or <c>ConnectionString</c>) from configuration.</param>
    /// <param name="configure">Further settings, applied after configuration.</param>
    /// <returns>The builder, for further chaining.</returns>
    public static FileFlowBuilder UseSqlite(this FileFlowBuilder builder, string? path = null, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SqliteStoreOptions>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(SectionName).Bind(options))
            .Configure(options =>
            {
                if (path is not null)
                {
                    options.Path = path;
                    options.ConnectionString = null;
                }

                configure?.Invoke(options);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        return builder.UseStore(async (provider, cancellationToken) =>
            await SqliteDocumentStore.OpenAsync(provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, cancellationToken).ConfigureAwait(false));
    }
}
