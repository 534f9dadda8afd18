namespace FileFlow.Storage;

/// <summary>A store's database was written by a newer FileFlow (its schema version is higher than this code supports); it was not opened or changed.</summary>
public sealed class SchemaVersionException : FileFlowException
{
    /// <summary>Initializes a new instance naming the store, the version found and the newest version this code supports.</summary>
    public SchemaVersionException(string store, int found, int supported)
        : base($"The {store} has schema version {found}, but this FileFlow supports versions up to {supported}; nothing was changed. Upgrade FileFlow to open it.")
    {
        Store = store;
        FoundVersion = found;
        SupportedVersion = supported;
    }

    /// <summary>Gets a description of the store (its kind and database or schema).</summary>
    public string Store { get; }

    /// <summary>Gets the schema version recorded in the database.</summary>
    public int FoundVersion { get; }

    /// <summary>Gets the newest schema version this code supports.</summary>
    public int SupportedVersion { get; }
}
