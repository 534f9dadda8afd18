// Quick append throughput of the PostgreSQL store. Usage: dotnet run -c Release --project tests/FileFlow.PostgreSql.Bench [-- <records>]
// Cost per action as the store grows: dotnet run -c Release --project tests/FileFlow.PostgreSql.Bench -- --growth [1000,10000,100000]
// Needs FILEFLOW_TEST_POSTGRES (source .ci/postgres.sh). Records are signed beforehand, so only the store is timed.
using System.Diagnostics;
using FileFlow.PostgreSql;
using FileFlow.Storage;
using FileFlow.StoreContract;

var connection = Environment.GetEnvironmentVariable("FILEFLOW_TEST_POSTGRES");
if (string.IsNullOrEmpty(connection))
{
    Console.Error.WriteLine("set FILEFLOW_TEST_POSTGRES (see .ci/postgres.sh)");
    return 2;
}

if (args.Length > 0 && args[0] == "--growth")
{
    var sizes = (args.Length > 1 ? args[1] : "1000,10000,100000").Split(',').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    await using var growthStore = await PostgreSqlDocumentStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = connection, Schema = "growth_" + Guid.NewGuid().ToString("N") });
    await StoreGrowth.RunAsync("postgresql", growthStore, sizes, 500, Console.Out);
    return 0;
}

var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 4000;

// Sign `count` creation records once, in memory.
var office = TestOffice.Create(new InMemoryDocumentStore());
var appends = new List<RecordAppend>(count);
for (var i = 0; i < count; i++)
{
    var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile($"Bench file {i}"));
    appends.Add(new RecordAppend(opened.Record, opened.Head));
}

async Task<double> RunAsync(string name, int batchSize, int writers)
{
    var schema = "bench_" + Guid.NewGuid().ToString("N");
    await using var store = await PostgreSqlDocumentStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = connection, Schema = schema });
    await store.AppendAsync([appends[0]]); // warm up the pool and the prepared statements
    var batches = appends.Skip(1).Chunk(batchSize).ToArray();
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < batches.Length)
        {
            await store.AppendAsync(batches[i]);
        }
    })));
    clock.Stop();
    var rate = (count - 1) / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"{name,-40} {count - 1,6} records  {clock.Elapsed.TotalMilliseconds,8:F0} ms  {rate,9:F0} appends/s");

    await using var admin = new Npgsql.NpgsqlConnection(connection);
    await admin.OpenAsync();
    await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA \"{schema}\" CASCADE", admin);
    await drop.ExecuteNonQueryAsync();
    return rate;
}

Console.WriteLine($"PostgreSQL store, {Environment.ProcessorCount} cores, server on the same machine");
await RunAsync("1 record per transaction, 1 writer", 1, 1);
await RunAsync("1 record per transaction, 4 writers", 1, 4);
await RunAsync("100 records per transaction, 1 writer", 100, 1);
await RunAsync("1000 records per transaction, 1 writer", 1000, 1);
return 0;
