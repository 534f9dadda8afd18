namespace FileFlow.Hosting.Tests;

/// <summary>A fact that runs only against a real PostgreSQL server, named by the <c>FILEFLOW_TEST_POSTGRES</c> connection string.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>The environment variable holding the test server's connection string.</summary>
    public const string Variable = "FILEFLOW_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: no PostgreSQL server to test against (CI sets it from .ci/postgres.sh).";
        }
#if !FILEFLOW_POSTGRESQL
        else
        {
            Skip = "src/FileFlow.PostgreSql is not in this tree yet.";
        }
#endif
    }
}
