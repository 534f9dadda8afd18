using System.CommandLine;

namespace FileFlow.Cli.Infrastructure;

/// <summary>The options most commands share: where the store is, and JSON output.</summary>
internal sealed class CommonOptions
{
    public Option<string> Db { get; } = new("--db")
    {
        Description = "The SQLite database file; its sidecar files (<db>.root.pem, .org.json, .checkpoint.txt, .log.pem) sit beside it",
        DefaultValueFactory = _ => StoreLocation.DefaultDatabase,
        HelpName = "PATH",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "A PostgreSQL connection string (Npgsql form, e.g. 'Host=127.0.0.1;Username=u;Database=d') instead of SQLite; "
            + "without this option the FILEFLOW_POSTGRES environment variable is used when set (and --db is not given). "
            + "Leave the password out: it is read from PGPASSWORD or ~/.pgpass (PGPASSFILE), so it never shows in the process list",
        HelpName = "CONNECTION",
    };

    public Option<string> Schema { get; } = new("--schema")
    {
        Description = "With --postgres: the schema holding FileFlow's tables (created when missing)",
        DefaultValueFactory = _ => StoreLocation.DefaultSchema,
        HelpName = "NAME",
    };

    public Option<string> StateDir { get; } = new("--state-dir")
    {
        Description = "With --postgres: the folder for the sidecar files, named fileflow-pg-<schema>.root.pem, .org.json, .checkpoint.txt, .log.pem",
        DefaultValueFactory = _ => ".",
        HelpName = "DIR",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Write machine-readable JSON to stdout" };

    public void AddStoreTo(Command command)
    {
        command.Add(Db);
        command.Add(Postgres);
        command.Add(Schema);
        command.Add(StateDir);
    }

    public StoreLocation Location(ParseResult result)
    {
        var postgres = result.GetValue(Postgres);
        if (postgres is { Length: 0 })
        {
            throw new CliException("--postgres needs a connection string");
        }

        // No --postgres: the environment's connection string, unless a SQLite file was named explicitly.
        if (postgres is null && result.GetResult(Db) is null or { Implicit: true }
            && Environment.GetEnvironmentVariable(StoreLocation.PostgresEnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            postgres = fromEnvironment;
        }

        return new(
            result.GetValue(Db) is { Length: > 0 } db ? db : StoreLocation.DefaultDatabase,
            postgres,
            result.GetValue(Schema) is { Length: > 0 } schema ? schema : StoreLocation.DefaultSchema,
            result.GetValue(StateDir) is { Length: > 0 } dir ? dir : ".");
    }
}
