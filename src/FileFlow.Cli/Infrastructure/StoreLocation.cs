namespace FileFlow.Cli.Infrastructure;

/// <summary>Where the store is: a SQLite file (default <c>fileflow.db</c> in the current folder) or a PostgreSQL connection string.</summary>
internal sealed record StoreLocation(string DatabasePath, string? PostgresConnection)
{
    public const string DefaultDatabase = "fileflow.db";

    /// <summary>Gets the path prefix of the sidecar files that travel with the store (root certificate, organisation, checkpoint).</summary>
    public string SidecarPrefix => PostgresConnection is null ? Path.GetFullPath(DatabasePath) : Path.GetFullPath("fileflow-postgres");
}
