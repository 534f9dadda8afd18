namespace FileFlow.Storage;

/// <summary>A database was written by a newer FileFlow with a schema this code does not know; nothing was changed. Upgrade FileFlow to open it.</summary>
public sealed class SchemaVersionException : FileFlowException
{
    /// <summary>Initializes a new instance naming the store, the version found and the newest version this code supports.</summary>
    public SchemaVersionException(string store, int found, int supported)
        : base($"The {store} database has schema version {found}, but this FileFlow supports version {supported} at most; nothing was changed. Upgrade FileFlow to open it.")
    {
        Store = store;
        Found = found;
        Supported = supported;
    }

    /// <summary>Gets the kind of store, for example <c>SQLite</c> or <c>PostgreSQL</c>.</summary>
    public string Store { get; }

    /// <summary>Gets the schema version recorded in the database.</summary>
    public int Found { get; }

    /// <summary>Gets the newest schema version this code supports.</summary>
    public int Supported { get; }
}
