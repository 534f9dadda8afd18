using FileFlow.Documents;
using FileFlow.Storage;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite;

/// <summary>The database layout and its migrations; applied idempotently when a store opens.</summary>
internal static class SqliteSchema
{
    /// <summary>The newest schema version this code writes and reads.</summary>
    public const int CurrentVersion = 2;

    /// <summary>Version 1: the append-only log, the heads projection, counters and the version marker.</summary>
    private const string Version1 = """
        CREATE TABLE IF NOT EXISTS schema_info (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS records (
            position INTEGER PRIMARY KEY,
            document_id BLOB NOT NULL,
            sequence INTEGER NOT NULL,
            action_id BLOB NOT NULL,
            canonical BLOB NOT NULL,
            signature_algorithm TEXT NOT NULL,
            signature BLOB NOT NULL,
            content BLOB NULL,
            UNIQUE (document_id, sequence),
            UNIQUE (action_id, document_id)
        );
        CREATE TABLE IF NOT EXISTS heads (
            id BLOB NOT NULL PRIMARY KEY,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            pending INTEGER NOT NULL,
            holder TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            last_hash BLOB NOT NULL,
            last_trigger TEXT NOT NULL,
            last_actor TEXT NOT NULL,
            last_acting_as TEXT NOT NULL,
            previous_holder TEXT NOT NULL,
            created_by TEXT NOT NULL,
            creator TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            reference TEXT NULL,
            subject TEXT NULL,
            service_id TEXT NULL,
            parent BLOB NULL,
            due_at INTEGER NULL,
            search_reference TEXT NULL,
            search_subject TEXT NULL,
            sent_by TEXT NULL,
            service_version INTEGER NULL,
            authority TEXT NULL,
            escalation_level INTEGER NOT NULL DEFAULT 0,
            paused_at INTEGER NULL,
            applicant TEXT NULL,
            appeal_level INTEGER NOT NULL DEFAULT 0,
            grading INTEGER NOT NULL DEFAULT 0,
            physical INTEGER NOT NULL DEFAULT 0,
            awaiting_receipt INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS counters (
            scope TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS heads_inbox ON heads (holder, updated_at, id);
        CREATE INDEX IF NOT EXISTS heads_updated ON heads (updated_at, id);
        CREATE INDEX IF NOT EXISTS heads_state ON heads (state, updated_at, id);
        CREATE INDEX IF NOT EXISTS heads_pending_holder ON heads (kind, pending, holder, updated_at);
        CREATE INDEX IF NOT EXISTS heads_pending_service ON heads (kind, pending, service_id, updated_at);
        CREATE INDEX IF NOT EXISTS heads_parent ON heads (parent, updated_at, id) WHERE parent IS NOT NULL;
        CREATE INDEX IF NOT EXISTS heads_service ON heads (service_id, updated_at, id) WHERE service_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS heads_due ON heads (due_at) WHERE due_at IS NOT NULL;
        CREATE INDEX IF NOT EXISTS heads_reference ON heads (search_reference) WHERE search_reference IS NOT NULL;
        """;

    /// <summary>
    /// Version 2: a trigram full-text index of the upper-cased subjects (FTS5, SQLite 3.34 or later), keyed by the position of each
    /// document's creation record; contentless, because the heads keep the text and every hit is re-checked against it.
    /// </summary>
    private const string Version2 = """
        CREATE VIRTUAL TABLE IF NOT EXISTS heads_search USING fts5 (subject, content = '', columnsize = 0, tokenize = 'trigram case_sensitive 1');
        INSERT INTO heads_search (heads_search) VALUES ('delete-all');
        INSERT INTO heads_search (rowid, subject)
            SELECT r.position, h.search_subject FROM heads h JOIN records r ON r.document_id = h.id AND r.sequence = 0
            WHERE h.search_subject IS NOT NULL;
        """;

    /// <summary>Creates or migrates the schema inside one write transaction; refuses a database from a newer version.</summary>
    /// <exception cref="SchemaVersionException">The database's schema is newer than <see cref="CurrentVersion"/>.</exception>
    public static void Migrate(SqliteConnection connection)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            var found = ReadVersion(connection);
            if (found > CurrentVersion)
            {
                throw new SchemaVersionException("SQLite", found, CurrentVersion);
            }

            if (found < 1)
            {
                Execute(connection, Version1);
            }

            if (found < 2)
            {
                Execute(connection, Version2);

                // Version 2 also stops counting frozen notings and issued drafts as pending (DocumentStates.IsPending by kind).
                Execute(connection, "UPDATE heads SET pending = 0 WHERE pending = 1 AND (" + NotPendingByKind() + ")");
            }

            // Later versions add their steps here: if (found < 3) { ... }
            Execute(connection, $"INSERT INTO schema_info (id, version) VALUES (1, {CurrentVersion}) ON CONFLICT (id) DO UPDATE SET version = excluded.version");
            Execute(connection, "COMMIT");
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    /// <summary>Returns the recorded schema version, or 0 for an empty database.</summary>
    public static int ReadVersion(SqliteConnection connection)
    {
        using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_info'";
        if (Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        probe.CommandText = "SELECT version FROM schema_info WHERE id = 1";
        return probe.ExecuteScalar() is long version ? checked((int)version) : 0;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A SQL predicate over the heads' <c>kind</c> and <c>state</c> names that holds where <see cref="DocumentStates.IsPending"/> is false.</summary>
    private static string NotPendingByKind() => string.Join(" OR ",
        from kind in Enum.GetValues<DocumentKind>()
        let states = Enum.GetValues<DocumentState>().Where(s => !DocumentStates.IsPending(kind, s)).Select(s => $"'{s}'")
        select $"(kind = '{kind}' AND state IN ({string.Join(", ", states)}))");
}
