using Microsoft.Extensions.Options;

namespace FileFlow.Sqlite;

/// <summary>Checks the SQLite settings at start, naming the configuration key of each bad one.</summary>
internal sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
{
    private const string Prefix = "FileFlow:Sqlite:";

    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        var failures = new List<string>();
        var hasPath = !string.IsNullOrWhiteSpace(options.Path);
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (!hasPath && !hasConnectionString)
        {
            failures.Add($"{Prefix}{nameof(SqliteStoreOptions.Path)} must be set (or {Prefix}{nameof(SqliteStoreOptions.ConnectionString)}): the SQLite database file.");
        }
        else if (hasPath && hasConnectionString)
        {
            failures.Add($"Set only one of {Prefix}{nameof(SqliteStoreOptions.Path)} and {Prefix}{nameof(SqliteStoreOptions.ConnectionString)}.");
        }
        else if (hasPath && Path.GetDirectoryName(Path.GetFullPath(options.Path!)) is { } folder && !Directory.Exists(folder))
        {
            failures.Add($"{Prefix}{nameof(SqliteStoreOptions.Path)} is '{options.Path}', but its folder '{folder}' does not exist.");
        }

        if (!Enum.IsDefined(options.SynchronousMode))
        {
            failures.Add($"{Prefix}{nameof(SqliteStoreOptions.SynchronousMode)} must be Full or Normal.");
        }

        if (options.MaxGroupSize is < 1 or > 100_000)
        {
            failures.Add($"{Prefix}{nameof(SqliteStoreOptions.MaxGroupSize)} must be between 1 and 100000, not {options.MaxGroupSize}.");
        }

        if (options.WriterCacheMegabytes is < 1 or > 65_536)
        {
            failures.Add($"{Prefix}{nameof(SqliteStoreOptions.WriterCacheMegabytes)} must be between 1 and 65536, not {options.WriterCacheMegabytes}.");
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(SqliteStoreOptions.BusyTimeout)} must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
