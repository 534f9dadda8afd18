namespace FileFlow.Storage;

/// <summary>A store opened read-only holds no FileFlow store, or one at an older schema version; a read-only open neither creates nor migrates, so nothing was changed.</summary>
public sealed class UnmigratedStoreException : FileFlowException
{
    /// <summary>Initializes a new instance naming the store, the version found (0: no FileFlow store) and the version a read-only open needs.</summary>
    public UnmigratedStoreException(string store, int found, int required)
        : base(found == 0
            ? $"The {store} holds no FileFlow store; it was opened read-only and left unchanged. Create one with 'fileflow simulate' or a writable open."
            : $"The {store} has schema version {found}, but reading needs version {required}; it was opened read-only and left unchanged. Open it writable once to migrate it.")
    {
        Store = store;
        FoundVersion = found;
        RequiredVersion = required;
    }

    /// <summary>Gets a description of the store (its kind and database or schema).</summary>
    public string Store { get; }

    /// <summary>Gets the schema version recorded in the database (0 when it holds no FileFlow store).</summary>
    public int FoundVersion { get; }

    /// <summary>Gets the schema version a read-only open needs.</summary>
    public int RequiredVersion { get; }
}
