namespace FileFlow.PostgreSql.Tests;

/// <summary>A fact that needs the PostgreSQL test server: skipped, with the reason, when <c>FILEFLOW_TEST_POSTGRES</c> is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresServer.IsConfigured)
        {
            Skip = PostgresServer.SkipReason;
        }
    }
}
