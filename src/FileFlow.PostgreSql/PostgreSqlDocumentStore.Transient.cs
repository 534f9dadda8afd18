using System.Net.Sockets;
using FileFlow.Storage;
using Npgsql;

namespace FileFlow.PostgreSql;

/// <content>Which failures a caller may retry: the server lost, unreachable, shutting down or not yet writable.</content>
public sealed partial class PostgreSqlDocumentStore
{
    /// <summary>
    /// Returns whether an exception thrown by the store means the database server was lost, unreachable, shutting down, overloaded or
    /// read-only (a standby not yet promoted), so that the same action may be retried, with the same action id, once a server is back.
    /// </summary>
    /// <remarks>
    /// An append whose connection broke while committing may or may not have landed. Retrying it through the engine with the same action
    /// id is safe either way: the store re-checks action ids under its log lock, and the engine returns the record that landed the first
    /// time instead of applying the action twice. Domain failures (<see cref="ConcurrencyException"/>, <see cref="DuplicateActionException"/>,
    /// <see cref="FileFlowException"/>) and caller mistakes are not transient.
    /// </remarks>
    /// <param name="exception">The exception to classify; its inner exceptions are looked through.</param>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case FileFlowException:
                    return false;
                case PostgresException postgres:
                    return IsTransientState(postgres.SqlState);
                case NpgsqlException npgsql:
                    // No server answered (connection refused or reset, no read-write host among several, a timeout): the failure is the
                    // connection's, not the statement's.
                    return npgsql.IsTransient || npgsql.InnerException is null or IOException or SocketException or TimeoutException
                        || npgsql.InnerException is AggregateException or NpgsqlException;
                case IOException or SocketException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    private static bool IsTransientState(string state) => state.StartsWith("08", StringComparison.Ordinal) // connection exception
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.ReadOnlySqlTransaction // a standby, or a primary being demoted
            or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.InsufficientResources
            or PostgresErrorCodes.IdleSessionTimeout;
}
