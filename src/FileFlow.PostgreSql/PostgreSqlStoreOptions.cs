using System.Text.RegularExpressions;

namespace FileFlow.PostgreSql;

/// <summary>Where a <see cref="PostgreSqlDocumentStore"/> keeps its data; validated once when the store is opened.</summary>
public sealed partial class PostgreSqlStoreOptions
{
    /// <summary>The schema used when none is set.</summary>
    public const string DefaultSchema = "fileflow";

    /// <summary>Gets or sets the Npgsql connection string, for example <c>Host=127.0.0.1;Username=fileflow;Password=…;Database=fileflow</c>.</summary>
    /// <value>Required; <see langword="null"/> by default.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the schema that holds FileFlow's tables; created when missing, so tests can isolate themselves in a fresh one.</summary>
    /// <value><c>fileflow</c> by default; lowercase letters, digits and underscores, starting with a letter or underscore, at most 63 characters.</value>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>Gets or sets how many records <see cref="PostgreSqlDocumentStore.ReadAllAsync"/> fetches per query.</summary>
    /// <value>1,000 by default; between 1 and 100,000.</value>
    public int ReadPageSize { get; set; } = 1000;

    /// <summary>Gets or sets whether the store is opened read-only: no schema is created or migrated (no DDL), every transaction is read-only
    /// (<c>default_transaction_read_only</c>), and appends fail.</summary>
    /// <value><see langword="false"/> by default. A read-only open of a schema without a current FileFlow store throws
    /// <see cref="FileFlow.Storage.UnmigratedStoreException"/>.</value>
    public bool ReadOnly { get; set; }

    /// <summary>Throws when a setting is missing or out of range.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("ConnectionString must be set.", nameof(ConnectionString));
        }

        ValidateSchema(Schema);
        if (ReadPageSize is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadPageSize), ReadPageSize, "ReadPageSize must be between 1 and 100,000.");
        }
    }

    internal static void ValidateSchema(string? schema)
    {
        if (schema is null || !SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a valid schema name: use lowercase letters, digits and underscores, starting with a letter or underscore, at most 63 characters.", nameof(Schema));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
