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
//   dotnet run -c Release --project tests/FileFlow.Sqlite.Bench -- --growth [--sizes 1000,10000,100000] [--sample 500]
//   dotnet run -c Release --project tests/FileFlow.Sqlite.Bench -- --year-bound 300000   (the J&K year's store written by bare SQL: a floor)
//   dotnet run -c Release --project tests/FileFlow.Sqlite.Bench -- --scale 1000000 [--records-per-file 10] [--dir /var/tmp/x] [--algorithm ed25519] [--reuse-signature] [--build-minutes 25] [--keep]
var options = ParseArgs(args);
if (options.ContainsKey("growth"))
{
    // Cost per action as the store grows, for the in-memory store and for SQLite (synchronous=NORMAL, so the figure is the engine and the store, not fsync).
    var sizes = options.GetValueOrDefault("sizes", "1000,10000,100000").Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
    var sample = int.Parse(options.GetValueOrDefault("sample", "500"), CultureInfo.InvariantCulture);
    Console.WriteLine($"Cost per action as the store grows ({Environment.ProcessorCount} cores, Ed25519 signatures, {sample} files x 4 actions timed one at a time at each size)");
    await StoreGrowth.RunAsync("in-memory", new InMemoryDocumentStore(), sizes, sample, Console.Out);
    var growthDir = Directory.CreateTempSubdirectory("fileflow-growth-");
    await using (var growthStore = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(growthDir.FullName, "growth.db"), SynchronousMode = SqliteSynchronousMode.Normal }))
    {
        await StoreGrowth.RunAsync("sqlite", growthStore, sizes, sample, Console.Out);
    }

    growthDir.Delete(recursive: true);
    return 0;
}

if (options.TryGetValue("year-bound", out var boundRecords))
{
    // The floor under the Jammu and Kashmir year's store: its records (J&K-sized: a CMS ECDSA P-256 signature with the officer's certificate,
    // ~1.3 KB) written by bare SQL into the store's own schema, 1,000 per transaction, files written one after another (kinder to the cache
    // than the year's interleaving), synchronous=FULL. No FileFlow code runs while timed: whatever the engine does, the year's store costs at least this.
    var count = int.Parse(boundRecords, CultureInfo.InvariantCulture);
    var boundDir = Directory.CreateTempSubdirectory("fileflow-year-bound-");
    var authority = FileFlow.Signing.Certificates.DevelopmentCertificateAuthority.CreateRoot(
        "Bound Root", DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(5), FileFlow.Signing.Certificates.CertificateKeyAlgorithm.EcdsaP256);
    var credential = authority.IssueOfficerCertificate(new FileFlow.Signing.Certificates.OfficerCertificateRequest
    {
        Officer = RecordFactory.Officer, Name = "Bound Officer", Algorithm = FileFlow.Signing.Certificates.CertificateKeyAlgorithm.EcdsaP256,
        NotBefore = DateTimeOffset.UtcNow.AddYears(-1), NotAfter = DateTimeOffset.UtcNow.AddYears(5),
    });
    var cms = await credential.CreateSigner().SignAsync(new byte[] { 1, 2, 3 }, DateTimeOffset.UtcNow);
    var boundRows = BuildActions(new RecordFactory(posts: 21_342, reuse: cms), new Random(42), count, 12, sign: false);
    var boundSeconds = RawInserts(Path.Combine(boundDir.FullName, "bound.db"), boundRows, SqliteSynchronousMode.Full, perCommit: 1000);
    var perSecond = count / boundSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"raw SQLite, the store's schema, 1,000 records per commit, signature {cms.Value.Length} B: {count:N0} records in {boundSeconds:F1} s = {perSecond:F0} records/s; 1.5 M records: {1_500_000 / perSecond:F0} s"));
    SqliteConnection.ClearAllPools();
    boundDir.Delete(recursive: true);
    return 0;
}

if (options.TryGetValue("scale", out var scaleFiles))
{
    return await ScaleRun.RunAsync(
        int.Parse(scaleFiles, CultureInfo.InvariantCulture),
        int.Parse(options.GetValueOrDefault("records-per-file", "10"), CultureInfo.InvariantCulture),
        options.GetValueOrDefault("dir", Path.Combine("/var/tmp", "fileflow-scale-" + Guid.NewGuid().ToString("N"))),
        options.GetValueOrDefault("algorithm", FileFlow.Signing.SignatureAlgorithms.Ed25519),
        !options.ContainsKey("reuse-signature"),
        TimeSpan.FromMinutes(double.Parse(options.GetValueOrDefault("build-minutes", "25"), CultureInfo.InvariantCulture)),
        options.ContainsKey("keep"));
}

var files = int.Parse(options.GetValueOrDefault("files", "100000"), CultureInfo.InvariantCulture);
var rows = int.Parse(options.GetValueOrDefault("rows", "2000"), CultureInfo.InvariantCulture);
var actions = int.Parse(options.GetValueOrDefault("actions", "4000"), CultureInfo.InvariantCulture);
var sync = options.GetValueOrDefault("sync", "full") == "normal" ? SqliteSynchronousMode.Normal : SqliteSynchronousMode.Full;
var dir = options.GetValueOrDefault("dir", Path.Combine(Path.GetTempPath(), "fileflow-bench-" + Guid.NewGuid().ToString("N")));
Directory.CreateDirectory(dir);
Console.WriteLine($"FileFlow.Sqlite bench: synchronous={sync}, cores={Environment.ProcessorCount}, dir={dir}");
var factory = new RecordFactory(posts: 500);
var random = new Random(42);

// (a) raw SQLite, one transaction per action, vs FileFlow durable appends, one action per commit: the same record row, head row and
// subject index row into the same schema (same indexes), the same bytes, the same synchronous mode.
{
    var prebuilt = BuildActions(factory, random, rows, 5, sign: true);
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
            Console.WriteLine($"(a) round {round}: raw SQLite record+head per commit {rows / rawSeconds,8:F0} rows/s ({rawSeconds * 1e6 / rows:F0} us/row); FileFlow append 1 action/commit {rows / flowSeconds,8:F0} actions/s ({flowSeconds * 1e6 / rows:F0} us/action)");
        }
    }

    Console.WriteLine($"(a) ratio FileFlow/raw over both rounds: {rawTotal / flowTotal:F2} (target >= 0.80)");
}

// (b) many concurrent actions: group commit vs one commit per action (store level, prebuilt signed records; then engine level).
if (!options.ContainsKey("only-a"))
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

    var creations = BuildActions(factory, random, actions, 1, sign: true);
    var single = Run(false, creations);
    var grouped = Run(true, creations);
    Console.WriteLine($"(b) store-level ratio group/single     : {single / grouped:F1}x (target >= 5x)");

    // The batch API: one caller appends 64 actions per call, each call one durable commit and atomic as a whole.
    {
        var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(dir, $"batch-{Guid.NewGuid():N}.db"), SynchronousMode = sync });
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < creations.Count; start += concurrency)
        {
            await store.AppendAsync(creations.GetRange(start, Math.Min(concurrency, creations.Count - start)));
        }

        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"(b) batch API, 1 caller, {concurrency} actions per AppendAsync: {creations.Count / seconds,10:F0} actions/s, {store.CommitCount} commits; ratio to 1 commit per action {single / seconds:F1}x");
        await store.DisposeAsync();
    }

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

static List<RecordAppend> BuildActions(RecordFactory factory, Random random, int count, int perFile, bool sign)
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

static double RawInserts(string path, List<RecordAppend> rows, SqliteSynchronousMode sync, int perCommit = 1)
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

    // The store's own schema: the same tables, indexes and subject index, so both sides maintain the same b-trees.
    SqliteSchema.Migrate(connection);
    SqliteCommand Prepare(string sql, int parameters)
    {
        var c = connection.CreateCommand();
        c.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            c.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        }

        c.Prepare();
        return c;
    }

    static string Values(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)));
    using var begin = Prepare("BEGIN IMMEDIATE", 0);
    using var commit = Prepare("COMMIT", 0);
    using var insert = Prepare($"INSERT INTO records (position, document_id, sequence, action_id, canonical, signature_algorithm, signature, content) VALUES ({Values(8)})", 8);
    using var insertHead = Prepare(
        $"""
        INSERT INTO heads (id, kind, state, pending, holder, sequence, last_hash, last_trigger, last_actor, last_acting_as, previous_holder,
            created_by, creator, created_at, updated_at, reference, subject, service_id, parent, due_at, search_reference, search_subject,
            sent_by, service_version, authority, escalation_level, paused_at, applicant, appeal_level, grading, physical, awaiting_receipt)
        VALUES ({Values(32)})
        """,
        32);
    using var updateHead = Prepare(
        """
        UPDATE heads SET state = $p1, pending = $p2, holder = $p3, sequence = $p4, last_hash = $p5, last_trigger = $p6, last_actor = $p7,
            last_acting_as = $p8, previous_holder = $p9, updated_at = $p10, parent = $p11, due_at = $p12,
            sent_by = $p13, escalation_level = $p14, paused_at = $p15, appeal_level = $p16, awaiting_receipt = $p17
        WHERE id = $p0
        """,
        18);
    using var insertSearch = Prepare("INSERT INTO heads_search (rowid, subject) VALUES ($p0, $p1)", 2);
    var watch = Stopwatch.StartNew();
    long position = 0;
    foreach (var row in rows)
    {
        if (position % perCommit == 0)
        {
            begin.ExecuteNonQuery();
        }

        var r = row.Record;
        var id = r.DocumentId.Value.ToByteArray(bigEndian: true);
        var p = insert.Parameters;
        p[0].Value = position;
        p[1].Value = id;
        p[2].Value = r.Sequence;
        p[3].Value = r.Record.ActionId.ToByteArray(bigEndian: true);
        p[4].Value = r.CanonicalBytes.ToArray();
        p[5].Value = r.Signature.Algorithm;
        p[6].Value = r.Signature.Value;
        p[7].Value = DBNull.Value;
        insert.ExecuteNonQuery();
        var h = row.Head;
        var pending = DocumentStates.IsPending(h.Kind, h.State) ? 1L : 0L;
        if (h.Sequence == 0)
        {
            var q = insertHead.Parameters;
            object[] values =
            [
                id, h.Kind.ToString(), h.State.ToString(), pending, h.Holder.Value, h.Sequence, h.LastHash.ToArray(), h.LastTrigger.ToString(),
                h.LastActor.Value, h.LastActingAs.Value, h.PreviousHolder.Value, h.CreatedBy.Value, h.Creator.Value,
                h.CreatedAt.ToUnixTimeMilliseconds(), h.UpdatedAt.ToUnixTimeMilliseconds(), (object?)h.Reference ?? DBNull.Value,
                (object?)h.Subject ?? DBNull.Value, (object?)h.ServiceId ?? DBNull.Value, DBNull.Value, h.DueAt is { } due ? due.UtcTicks : DBNull.Value,
                (object?)h.Reference?.ToUpperInvariant() ?? DBNull.Value, (object?)h.Subject?.ToUpperInvariant() ?? DBNull.Value,
                h.SentBy is { } sentBy ? sentBy.Value : DBNull.Value, DBNull.Value, DBNull.Value, h.EscalationLevel, DBNull.Value, DBNull.Value,
                h.AppealLevel, (int)h.Grading, 0L, 0L,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                q[i].Value = values[i];
            }

            insertHead.ExecuteNonQuery();
            if (h.Subject is { } subject)
            {
                insertSearch.Parameters[0].Value = position;
                insertSearch.Parameters[1].Value = subject.ToUpperInvariant();
                insertSearch.ExecuteNonQuery();
            }
        }
        else
        {
            var u = updateHead.Parameters;
            object[] values =
            [
                id, h.State.ToString(), pending, h.Holder.Value, h.Sequence, h.LastHash.ToArray(), h.LastTrigger.ToString(), h.LastActor.Value,
                h.LastActingAs.Value, h.PreviousHolder.Value, h.UpdatedAt.ToUnixTimeMilliseconds(), DBNull.Value,
                h.DueAt is { } due ? due.UtcTicks : DBNull.Value, h.SentBy is { } sentBy ? sentBy.Value : DBNull.Value, h.EscalationLevel,
                DBNull.Value, h.AppealLevel, 0L,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                u[i].Value = values[i];
            }

            updateHead.ExecuteNonQuery();
        }

        position++;
        if (position % perCommit == 0 || position == rows.Count)
        {
            commit.ExecuteNonQuery();
        }
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
