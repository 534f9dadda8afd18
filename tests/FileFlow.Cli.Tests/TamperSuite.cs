using System.Data.Common;
using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.Cli.Tests;

/// <summary>
/// Changes every column of every table of a simulated store, one value at a time (a single byte or bit, then the whole value taken from another
/// row), verifies the store after each change, and restores the value. Shared by the SQLite and PostgreSQL suites.
/// </summary>
internal sealed class TamperSuite(Func<DbConnection> connect, Func<Task<IDocumentStore>> openStore, StoreVerifier verifier, string parameterPrefix)
{
    public sealed record Outcome(string Table, string Column, string Change, string Result, string Detail)
    {
        public bool Detected => Result is "detected" or "refused" or "impossible";

        public override string ToString() => $"{Table}.{Column} ({Change}): {Result} — {Detail}";
    }

    public static StoreVerifier VerifierFor(string sidecarPrefix)
    {
        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(Sidecars.LoadCertificate(sidecarPrefix + ".root.pem"));
        return new StoreVerifier(new CertificateSignatureVerifier(trust), OrganisationFile.Load(sidecarPrefix + ".org.json").ToChart());
    }

    /// <summary>Runs the suite over <paramref name="columns"/> (table, column, key column) and returns one outcome per change tried.</summary>
    public async Task<List<Outcome>> RunAsync(IEnumerable<(string Table, string Column, string Key)> columns)
    {
        (await VerifyAsync()).Result.Should().Be("undetected", "the untouched store verifies");
        var outcomes = new List<Outcome>();
        foreach (var (table, column, key) in columns)
        {
            var row = await PickRowAsync(table, column, key);
            if (row is null)
            {
                continue;
            }

            var (keyValue, original) = row.Value;
            foreach (var (change, value) in new[] { ("byte", OneByte(original)), ("value", await OtherValueAsync(table, column, original)) })
            {
                var (outcome, written) = await TryAsync(table, column, key, keyValue, value);
                outcomes.Add(outcome with { Change = change });
                if (column != key || outcome.Result == "impossible" || await SetAsync(table, column, key, written!, original) == 0)
                {
                    (await SetAsync(table, column, key, keyValue, original)).Should().BeLessThanOrEqualTo(1);
                }
            }
        }

        (await VerifyAsync()).Result.Should().Be("undetected", "every change was undone");
        return outcomes;
    }

    private async Task<(Outcome Outcome, object? Written)> TryAsync(string table, string column, string key, object keyValue, object? value)
    {
        try
        {
            (await SetAsync(table, column, key, keyValue, value)).Should().Be(1);
        }
        catch (DbException e) when (value is long number)
        {
            // A unique key refuses a neighbour's value: change a higher byte instead, which no other row holds.
            try
            {
                (await SetAsync(table, column, key, keyValue, number ^ (1L << 40))).Should().Be(1);
                value = number ^ (1L << 40);
            }
            catch (DbException)
            {
                return (new Outcome(table, column, string.Empty, "impossible", "the database refused it: " + e.Message.ReplaceLineEndings(" ")), null);
            }
        }
        catch (DbException e)
        {
            return (new Outcome(table, column, string.Empty, "impossible", "the database refused it: " + e.Message.ReplaceLineEndings(" ")), null);
        }

        var verdict = await VerifyAsync();
        return (verdict with { Table = table, Column = column }, value);
    }

    public async Task<Outcome> VerifyAsync()
    {
        IDocumentStore store;
        try
        {
            store = await openStore();
        }
        catch (Exception e) when (e is FileFlowException or DbException)
        {
            return new Outcome(string.Empty, string.Empty, string.Empty, "refused", "the store does not open: " + e.Message);
        }

        try
        {
            var report = await verifier.VerifyAllAsync(store);
            return report.IsValid
                ? new Outcome(string.Empty, string.Empty, string.Empty, "undetected", "verification holds")
                : new Outcome(string.Empty, string.Empty, string.Empty, "detected", report.Failures[0].ToString());
        }
        finally
        {
            await ((IAsyncDisposable)store).DisposeAsync();
        }
    }

    private async Task<(object Key, object? Value)?> PickRowAsync(string table, string column, string key)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL";
        var rows = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await using var command = connection.CreateCommand();
        command.CommandText = rows == 0
            ? $"SELECT {key}, {column} FROM {table} ORDER BY {key} LIMIT 1"
            : $"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY {key} LIMIT 1 OFFSET {rows / 2}";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetValue(0), reader.IsDBNull(1) ? null : reader.GetValue(1)) : null;
    }

    private async Task<object?> OtherValueAsync(string table, string column, object? original)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL LIMIT 50";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var candidate = reader.GetValue(0);
            if (!Same(candidate, original))
            {
                return candidate;
            }
        }

        return original switch
        {
            null => "tampered",
            byte[] bytes => bytes.Select(b => (byte)~b).ToArray(),
            string => "tampered",
            long number => number + 1_000_003,
            int number => number + 1_003,
            short number => (short)(number + 3),
            Guid => Guid.NewGuid(),
            DateTime time => time.AddDays(1),
            _ => original,
        };
    }

    private static bool Same(object? a, object? b) => a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);

    /// <summary>Changes one byte of a blob or text, or one bit of a number, time or identifier.</summary>
    private static object? OneByte(object? value) => value switch
    {
        null => 1L,
        byte[] bytes => Flip(bytes),
        string text when text.Length > 0 => string.Concat(text.AsSpan(0, text.Length / 2), ((char)(text[text.Length / 2] ^ 1)).ToString(), text.AsSpan(text.Length / 2 + 1)),
        string => "x",
        long number => number ^ 1,
        int number => number ^ 1,
        short number => (short)(number ^ 1),
        bool flag => !flag,
        Guid guid => new Guid(Flip(guid.ToByteArray())),
        DateTime time => time.AddTicks(10),
        _ => value,
    };

    private static byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        if (copy.Length > 0)
        {
            copy[copy.Length / 2] ^= 0x01;
        }

        return copy;
    }

    private async Task<int> SetAsync(string table, string column, string key, object keyValue, object? value)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {table} SET {column} = {parameterPrefix}v WHERE {key} = {parameterPrefix}k";
        var v = command.CreateParameter();
        v.ParameterName = parameterPrefix + "v";
        v.Value = value ?? DBNull.Value;
        var k = command.CreateParameter();
        k.ParameterName = parameterPrefix + "k";
        k.Value = keyValue;
        command.Parameters.Add(v);
        command.Parameters.Add(k);
        return await command.ExecuteNonQueryAsync();
    }
}
