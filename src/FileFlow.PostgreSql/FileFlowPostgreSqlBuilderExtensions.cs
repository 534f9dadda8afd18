using FileFlow.Hosting;
using FileFlow.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs the PostgreSQL store into FileFlow's container registration.</summary>
public static class FileFlowPostgreSqlBuilderExtensions
{
    /// <summary>The configuration section the PostgreSQL settings are bound from: "FileFlow:PostgreSql" (<c>ConnectionString</c>, <c>Schema</c>).</summary>
    public const string SectionName = FileFlowOptions.SectionName + ":PostgreSql";

    /// <summary>Stores records in PostgreSQL, opened asynchronously on first use (or when the host starts) and disposed with the container.</summary>
    /// <param name="builder">The FileFlow builder.</param>
    /// <param name="connectionString">The Npgsql connection string; <see langword="null"/> to take <c>FileFlow:PostgreSql:ConnectionString</c> from configuration.</param>
    /// <param name="configure">Further settings, applied after configuration.</param>
    /// <returns>The builder, for further chaining.</returns>
    public static FileFlowBuilder UsePostgreSql(this FileFlowBuilder builder, string? connectionString = null, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PostgreSqlStoreOptions>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(SectionName).Bind(options))
            .Configure(options =>
            {
                if (connectionString is not null)
                {
                    options.ConnectionString = connectionString;
                }

                configure?.Invoke(options);
            })
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), $"{SectionName}:ConnectionString must be set.")
            .ValidateOnStart();
        return builder.UseStore(async (provider, cancellationToken) =>
            await PostgreSqlDocumentStore.OpenAsync(provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value, cancellationToken).ConfigureAwait(false));
    }
}
