namespace FileFlow.Cli.Infrastructure;

/// <summary>
/// Where the store is: a SQLite file (default <c>fileflow.db</c> in the current folder) or a PostgreSQL connection string and schema.
/// The sidecar files (root certificate, organisation, checkpoint, log key) sit beside a SQLite file as <c>&lt;db&gt;.root.pem</c> and so on;
/// for PostgreSQL they sit in <see cref="StateDirectory"/> as <c>fileflow-pg-&lt;schema&gt;.root.pem</c> and so on.
/// </summary>
internal sealed record StoreLocation(string DatabasePath, string? PostgresConnection, string Schema = StoreLocation.DefaultSchema, string StateDirectory = ".")
{
    public const string DefaultDatabase = "fileflow.db";

    /// <summary>The environment variable holding a PostgreSQL connection string, used when <c>--postgres</c> is not given.</summary>
    public const string PostgresEnvironmentVariable = "FILEFLOW_POSTGRES";

    public const string DefaultSchema = FileFlow.PostgreSql.PostgreSqlStoreOptions.DefaultSchema;

    /// <summary>Gets whether the store is a PostgreSQL database rather than a SQLite file.</summary>
    public bool IsPostgres => PostgresConnection is not null;

    /// <summary>Gets a short name of the store for messages: the SQLite path, or <c>postgres schema S</c>.</summary>
    public string DisplayName => PostgresConnection is null ? DatabasePath : $"postgres schema {Schema}";

    /// <summary>Gets the path prefix of the sidecar files that travel with the store (root certificate, organisation, checkpoint).</summary>
    public string SidecarPrefix => PostgresConnection is null
        ? Path.GetFullPath(DatabasePath)
        : Path.GetFullPath(Path.Combine(StateDirectory, "fileflow-pg-" + Schema));
}
