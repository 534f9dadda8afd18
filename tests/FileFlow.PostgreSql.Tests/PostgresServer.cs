using Npgsql;

namespace FileFlow.PostgreSql.Tests;

/// <summary>The test server named by <c>FILEFLOW_TEST_POSTGRES</c>, and fresh schemas on it that tests drop when done.</summary>
public static class PostgresServer
{
    public const string Variable = "FILEFLOW_TEST_POSTGRES";

    public const string SkipReason = "set FILEFLOW_TEST_POSTGRES (see .ci/postgres.sh)";

    public static string? ConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsConfigured => ConnectionString is not null;

    public static string RequiredConnectionString => ConnectionString ?? throw new InvalidOperationException(SkipReason);

    /// <summary>A new schema name no other test uses.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N");

    public static PostgreSqlStoreOptions Options(string schema) => new() { ConnectionString = RequiredConnectionString, Schema = schema };

    public static Task<PostgreSqlDocumentStore> OpenAsync(string schema) => PostgreSqlDocumentStore.OpenAsync(Options(schema));

    /// <summary>Runs SQL as the test role, outside any store; <c>{s}</c> stands for the quoted schema.</summary>
    public static async Task<object?> ExecuteAsync(string schema, string sql)
    {
        await using var connection = new NpgsqlConnection(RequiredConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{s}", "\"" + schema + "\"", StringComparison.Ordinal), connection);
        return await command.ExecuteScalarAsync();
    }

    public static Task DropSchemaAsync(string schema) => ExecuteAsync(schema, "DROP SCHEMA IF EXISTS {s} CASCADE");
}
