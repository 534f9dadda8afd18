namespace FileFlow.Sqlite;

/// <summary>How hard SQLite pushes each commit to disk (its <c>PRAGMA synchronous</c> setting, in WAL mode).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Every commit is flushed to the disk (fsync) before it is acknowledged: survives a process crash and a power loss.</summary>
    Full = 1,

    /// <summary>Commits are flushed only at checkpoints: survives a process crash, but the last commits may be lost on power loss.</summary>
    Normal = 2,
}
