using System.CommandLine;

namespace FileFlow.Cli.Infrastructure;

/// <summary>The options most commands share: where the store is, and JSON output.</summary>
internal sealed class CommonOptions
{
    public Option<string> Db { get; } = new("--db")
    {
        Description = "The SQLite database file",
        DefaultValueFactory = _ => StoreLocation.DefaultDatabase,
        HelpName = "PATH",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "A PostgreSQL connection string instead of SQLite",
        HelpName = "CONNECTION",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Write machine-readable JSON to stdout" };

    public void AddStoreTo(Command command)
    {
        command.Add(Db);
        command.Add(Postgres);
    }

    public StoreLocation Location(ParseResult result) =>
        new(result.GetValue(Db) is { Length: > 0 } db ? db : StoreLocation.DefaultDatabase, result.GetValue(Postgres));
}
