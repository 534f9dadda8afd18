using System.Diagnostics;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Sqlite;
using FileFlow.Sqlite.Bench;
using FileFlow.Storage;
using FileFlow.StoreContract;
using Microsoft.Data.Sqlite;

// Prints figures for the SQLite store; not a timed test. Usage:
//   dotnet run -c Release --project tests/FileFlow.Sqlite.Bench -- [--files 100000] [--rows 2000] [--actions 4000] [--dir /tmp/x] [--sync full|normal] [--skip-big]
var options = ParseArgs(args);
var files = int.Parse(options.GetValueOrDefault("files", "100000"), CultureInfo.InvariantCulture);
var rows = int.Parse(options.GetValueOrDefault("rows", "2000"), CultureInfo.InvariantCulture);
var actions = int.Parse(options.GetValueOrDefault("actions", "4000"), CultureInfo.InvariantCulture);
var sync = options.GetValueOrDefault("sync", "full") == "normal" ? SqliteSynchronousMode.Normal : SqliteSynchronousMode.Full;
var dir = options.GetValueOrDefault("dir", Path.Combine(Path.GetTempPath(), "fileflow-bench-" + Guid.NewGuid().ToString("N")));
Directory.CreateDirectory(dir);
Console.WriteLine($"FileFlow.Sqlite bench: synchronous={sync}, cores={Environment.ProcessorCount}, dir={dir}");
var factory = new RecordFactory(posts: 500);
var random = new Random(42);

// (a) raw SQLite, one transaction per row, vs FileFlow durable appends, one action per commit: same rows, same bytes.
{
    var prebuilt = BuildActions(rows, 5, sign: true);
    double rawTotal = 0, flowTotal = 0;
    for (var round = 0; round < 3; round++)
    {
        // Round 0 warms up (JIT, file creation) and is not counted; rounds 1 and 2 alternate raw and FileFlow on fresh files.
        var rawSeconds = RawInserts(Path.Combine(dir, $"raw{round}.db"), prebuilt, sync);
        var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(dir, $"a{round}.db"), SynchronousMode = sync, GroupCommit = false });
        var watch = Stopwatch.StartNew();
        foreach (var append in prebuilt)
        {
            await store.AppendAsync([append]);
        }

        var flowSeconds = watch.Elapsed.TotalSeconds;
        await store.DisposeAsync();
        if (round > 0)
        {
            rawTotal += rawSeconds;
            flowTotal += flowSeconds;
            Console.WriteLine($"(a) round {round}: raw SQLite insert+commit per row {rows / rawSeconds,8:F0} rows/s ({rawSeconds * 1e6 / rows:F0} us/row); FileFlow append 1 action/commit {rows / flowSeconds,8:F0} actions/s ({flowSeconds * 1e6 / rows:F0} us/action)");
        }
    }

    Console.WriteLine($"(a) ratio FileFlow/raw over both rounds: {rawTotal / flowTotal:F2} (target >= 0.80)");
}

// (b) many concurrent actions: group commit vs one commit per action (store level, prebuilt signed records; then engine level).
{
    const int concurrency = 64;
    double Run(bool group, List<RecordAppend> work)
    {
        var path = Path.Combine(dir, $"b-{group}-{Guid.NewGuid():N}.db");
        var store = SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = path, SynchronousMode = sync, GroupCommit = group }).AsTask().GetAwaiter().GetResult();
        var next = -1;
        var watch = Stopwatch.StartNew();
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Count)
            {
                await store.AppendAsync([work[i]]);
            }
        }))).GetAwaiter().GetResult();
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"(b) {(group ? "group commit      " : "1 commit per action")}, {concurrency} callers: {work.Count / seconds,10:F0} actions/s, {store.CommitCount} commits");
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return seconds;
    }

    var creations = BuildActions(actions, 1, sign: true);
    var single = Run(false, creations);
    var grouped = Run(true, creations);
    Console.WriteLine($"(b) store-level ratio group/single     : {single / grouped:F1}x (target >= 5x)");

    async Task<double> Engine(bool group)
    {
        var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(dir, $"e-{group}.db"), SynchronousMode = sync, GroupCommit = group });
        var office = TestOffice.Create(store);
        var perWorker = Math.Max(1, actions / 3 / concurrency);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
                await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
                await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita));
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        var count = perWorker * concurrency * 3;
        Console.WriteLine($"(b) engine routing (open/forward/approve, signed, {(group ? "group commit" : "1 commit/action")}): {count / seconds,8:F0} actions/s, {store.CommitCount} commits for {count} actions + {count / 3} serials");
        await store.DisposeAsync();
        return seconds;
    }

    var engineSingle = await Engine(false);
    var engineGrouped = await Engine(true);
    Console.WriteLine($"(b) engine-level ratio group/single    : {engineSingle / engineGrouped:F1}x");
}

// (c) a big store: N files x 10 records, loaded in large transactions; one reused signature (this measures queries, not signing).
if (!options.ContainsKey("skip-big"))
{
    var path = Path.Combine(dir, $"big-{files}.db");
    var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = path, SynchronousMode = sync, MaxGroupSize = 4 });
    var ids = new DocumentId[files];
    var load = Stopwatch.StartNew();
    const int filesPerBatch = 1000;
    for (var start = 0; start < files; start += filesPerBatch)
    {
        var batch = new List<RecordAppend>(filesPerBatch * 10);
        for (var f = start; f < Math.Min(files, start + filesPerBatch); f++)
        {
            DocumentHead? head = null;
            for (var s = 0; s < 10; s++)
            {
                var append = factory.Next(head, random, sign: false);
                batch.Add(append);
                head = append.Head;
            }

            ids[f] = head!.Id;
        }

        await store.AppendAsync(batch);
    }

    var loadSeconds = load.Elapsed.TotalSeconds;
    Console.WriteLine($"(c) loaded {files:N0} files / {files * 10L:N0} records in {loadSeconds:F1} s ({files * 10L / loadSeconds:F0} records/s), file {new FileInfo(path).Length / 1048576.0:F0} MB + WAL");

    var samples = 2000;
    var inbox = new double[samples];
    var inboxDeep = new double[samples];
    var history = new double[samples];
    var text = new double[200];
    for (var i = 0; i < samples; i++)
    {
        var post = RecordFactory.Post(random.Next(500));
        var watch = Stopwatch.StartNew();
        var page = await store.QueryAsync(new DocumentQuery { Holder = post, Limit = 50 });
        inbox[i] = watch.Elapsed.TotalMilliseconds;
        if (page.ContinuationToken is { } token)
        {
            watch.Restart();
            await store.QueryAsync(new DocumentQuery { Holder = post, Limit = 50, After = token });
            inboxDeep[i] = watch.Elapsed.TotalMilliseconds;
        }

        var id = ids[random.Next(files)];
        watch.Restart();
        var n = 0;
        await foreach (var record in store.ReadStreamAsync(id))
        {
            n++;
        }

        history[i] = watch.Elapsed.TotalMilliseconds;
        if (n != 10)
        {
            throw new InvalidOperationException("history has " + n + " records");
        }
    }

    for (var i = 0; i < text.Length; i++)
    {
        var watch = Stopwatch.StartNew();
        await store.QueryAsync(new DocumentQuery { Text = "leave of officer " + random.Next(100_000), Limit = 50 });
        text[i] = watch.Elapsed.TotalMilliseconds;
    }

    Console.WriteLine($"(c) inbox page (holder, 50 rows)      : p50 {P(inbox, 50):F3} ms, p99 {P(inbox, 99):F3} ms");
    Console.WriteLine($"(c) inbox next page (keyset token)    : p50 {P(inboxDeep, 50):F3} ms, p99 {P(inboxDeep, 99):F3} ms");
    Console.WriteLine($"(c) file history (10 records)         : p50 {P(history, 50):F3} ms, p99 {P(history, 99):F3} ms");
    Console.WriteLine($"(c) subject text search (scan)        : p50 {P(text, 50):F3} ms, p99 {P(text, 99):F3} ms");

    var before = GC.GetTotalMemory(forceFullCollection: true);
    long peak = before;
    long count = 0;
    var stream = Stopwatch.StartNew();
    await foreach (var record in store.ReadAllAsync())
    {
        if (++count % 100_000 == 0)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false));
        }
    }

    var after = GC.GetTotalMemory(forceFullCollection: true);
    Console.WriteLine($"(c) ReadAll streamed {count:N0} records in {stream.Elapsed.TotalSeconds:F1} s; GC heap before {before / 1048576.0:F1} MB, peak sampled {peak / 1048576.0:F1} MB, after {after / 1048576.0:F1} MB");
    await store.DisposeAsync();
}

if (!options.ContainsKey("keep"))
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(dir, recursive: true);
}

return 0;

List<RecordAppend> BuildActions(int count, int perFile, bool sign)
{
    var list = new List<RecordAppend>(count);
    while (list.Count < count)
    {
        DocumentHead? head = null;
        for (var s = 0; s < perFile && list.Count < count; s++)
        {
            var append = factory.Next(head, random, sign);
            list.Add(append);
            head = append.Head;
        }
    }

    return list;
}

static double RawInserts(string path, List<RecordAppend> rows, SqliteSynchronousMode sync)
{
    using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
    connection.Open();
    void Exec(string sql)
    {
        using var c = connection.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }

    Exec("PRAGMA journal_mode = WAL");
    Exec(sync == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    Exec("""
        CREATE TABLE records (position INTEGER PRIMARY KEY, document_id BLOB NOT NULL, sequence INTEGER NOT NULL, action_id BLOB NOT NULL,
            canonical BLOB NOT NULL, signature_algorithm TEXT NOT NULL, signature BLOB NOT NULL, content BLOB NULL,
            UNIQUE (document_id, sequence), UNIQUE (action_id, document_id))
        """);
    using var begin = connection.CreateCommand();
    begin.CommandText = "BEGIN IMMEDIATE";
    begin.Prepare();
    using var commit = connection.CreateCommand();
    commit.CommandText = "COMMIT";
    commit.Prepare();
    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO records VALUES ($p, $d, $s, $a, $c, $g, $v, NULL)";
    var p = new[] { "$p", "$d", "$s", "$a", "$c", "$g", "$v" }.Select(n => insert.Parameters.Add(new SqliteParameter(n, DBNull.Value))).ToArray();
    insert.Prepare();
    var watch = Stopwatch.StartNew();
    long position = 0;
    foreach (var row in rows)
    {
        begin.ExecuteNonQuery();
        p[0].Value = position++;
        p[1].Value = row.Record.DocumentId.Value.ToByteArray(bigEndian: true);
        p[2].Value = row.Record.Sequence;
        p[3].Value = row.Record.Record.ActionId.ToByteArray(bigEndian: true);
        p[4].Value = row.Record.CanonicalBytes.ToArray();
        p[5].Value = row.Record.Signature.Algorithm;
        p[6].Value = row.Record.Signature.Value;
        insert.ExecuteNonQuery();
        commit.ExecuteNonQuery();
    }

    return watch.Elapsed.TotalSeconds;
}

static double P(double[] values, int percentile)
{
    var sorted = values.Where(v => v > 0).Order().ToArray();
    return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percentile / 100.0) - 1)];
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i].StartsWith("--", StringComparison.Ordinal))
        {
            var key = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            result[key] = value;
        }
    }

    return result;
}
