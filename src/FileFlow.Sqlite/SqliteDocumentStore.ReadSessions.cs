using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite;

/// <content>
/// Kept read connections for the reads every action makes (its document's head, a file's notings, a counter's next value, an action's
/// records): each keeps its commands, so a statement is prepared once per connection and then only re-bound and re-run
/// (Microsoft.Data.Sqlite prepares per command, not per connection). One caller uses a connection at a time; idle ones wait in a stack.
/// </content>
public sealed partial class SqliteDocumentStore
{
    /// <summary>At most this many idle read connections are kept; one more returned is closed.</summary>
    private const int MaxIdleReaders = 16;

    private readonly ConcurrentStack<ReadSession> idleReaders = new();

    /// <summary>Runs <paramref name="read"/> on a kept read connection, which goes back to the idle ones unless the read failed.</summary>
    private async ValueTask<T> ReadAsync<T>(Func<ReadSession, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var session = idleReaders.TryPop(out var idle) ? idle : new ReadSession(await OpenReadAsync(cancellationToken).ConfigureAwait(false));
        T result;
        try
        {
            result = await read(session, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed or cancelled read may leave a statement mid-way: close the connection rather than keep it.
            session.Dispose();
            throw;
        }

        if (Volatile.Read(ref disposed) != 0 || idleReaders.Count >= MaxIdleReaders)
        {
            session.Dispose();
        }
        else
        {
            idleReaders.Push(session);
            if (Volatile.Read(ref disposed) != 0)
            {
                CloseIdleReaders();
            }
        }

        return result;
    }

    private void CloseIdleReaders()
    {
        while (idleReaders.TryPop(out var session))
        {
            session.Dispose();
        }
    }

    /// <summary>One read-only connection and the commands prepared on it, keyed by their SQL.</summary>
    private sealed class ReadSession(SqliteConnection connection) : IDisposable
    {
        /// <summary>Beyond this many distinct statements (query shapes) a connection runs further ones unkept.</summary>
        private const int MaxCommands = 64;

        private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

        public SqliteConnection Connection => connection;

        /// <summary>Returns the connection's command for <paramref name="sql"/>, prepared the first time, with its parameters cleared for binding.</summary>
        /// <remarks>A command beyond <see cref="MaxCommands"/> is not kept; the caller disposes what it gets only through <see cref="Release"/>.</remarks>
        public SqliteCommand Command(string sql)
        {
            if (commands.TryGetValue(sql, out var command))
            {
                command.Parameters.Clear();
                return command;
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            if (commands.Count < MaxCommands)
            {
                commands.Add(sql, command);
            }

            return command;
        }

        /// <summary>Disposes a command that <see cref="Command"/> did not keep.</summary>
        public void Release(SqliteCommand command)
        {
            if (!commands.TryGetValue(command.CommandText, out var kept) || !ReferenceEquals(kept, command))
            {
                command.Dispose();
            }
        }

        public void Dispose()
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }

            commands.Clear();
            connection.Dispose();
        }
    }
}
