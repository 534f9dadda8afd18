using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite.Bench;

/// <summary>
/// The scale run: builds a store of N files with R really signed records each (signing in parallel on every core, appended in big
/// batches through the store's own API), then measures inbox pages, histories and subject search, and streams the whole log
/// checking hashes, chains and a sample of signatures while watching the GC heap.
/// </summary>
public static class ScaleRun
{
    private const int Posts = 500;
    private const int FilesPerBatch = 1000;

    public static async Task<int> RunAsync(int files, int recordsPerFile, string dir, string algorithm, bool sign, TimeSpan buildBudget, bool keep)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"scale-{files}.db");
        var total = (long)files * recordsPerFile;
        Console.WriteLine($"FileFlow.Sqlite scale run: {files:N0} files x {recordsPerFile} records = {total:N0} records, {(sign ? algorithm + " signature on every record" : "one reused signature")}, build budget {buildBudget.TotalMinutes:F0} min, cores={Environment.ProcessorCount}, file={path}");
        var factory = new RecordFactory(Posts, algorithm);
        var ids = new DocumentId[files];

        // Build: the synchronous mode is Normal for the bulk load (the measured reads do not depend on it); each batch is one commit.
        // A bulk load gets a big writer cache: the random document and action keys otherwise miss it on nearly every insert.
        var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = path, SynchronousMode = SqliteSynchronousMode.Normal, WriterCacheMegabytes = 4096 });
        var batches = Channel.CreateBounded<(int Index, List<RecordAppend> Appends)>(new BoundedChannelOptions(4) { SingleReader = true });
        var appended = new List<int>();
        var nextBatch = -1;
        var batchCount = (files + FilesPerBatch - 1) / FilesPerBatch;
        var build = Stopwatch.StartNew();
        var signing = Stopwatch.StartNew();
        var producers = Enumerable.Range(0, Environment.ProcessorCount).Select(worker => Task.Run(async () =>
        {
            var random = new Random(1000 + worker);
            int b;
            while (build.Elapsed < buildBudget && (b = Interlocked.Increment(ref nextBatch)) < batchCount)
            {
                var batch = new List<RecordAppend>(FilesPerBatch * recordsPerFile);
                for (var f = b * FilesPerBatch; f < Math.Min(files, (b + 1) * FilesPerBatch); f++)
                {
                    DocumentHead? head = null;
                    for (var s = 0; s < recordsPerFile; s++)
                    {
                        var append = factory.Next(head, random, sign, subjectNumber: f);
                        batch.Add(append);
                        head = append.Head;
                    }

                    ids[f] = head!.Id;
                }

                await batches.Writer.WriteAsync((b, batch));
            }
        })).ToArray();
        var closer = Task.WhenAll(producers).ContinueWith(t => batches.Writer.TryComplete(t.Exception), TaskScheduler.Default);
        long written = 0;
        var report = Stopwatch.StartNew();
        await foreach (var (index, batch) in batches.Reader.ReadAllAsync())
        {
            await store.AppendAsync(batch);
            appended.Add(index);
            written += batch.Count;
            if (report.Elapsed.TotalSeconds >= 60)
            {
                report.Restart();
                Console.WriteLine($"  ... {written:N0} records in {build.Elapsed.TotalSeconds:F0} s ({written / build.Elapsed.TotalSeconds:F0} records/s)");
            }
        }

        await closer;
        var buildSeconds = build.Elapsed.TotalSeconds;
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        var size = new FileInfo(path).Length;
        var built = (int)(written / recordsPerFile);
        if (built < files)
        {
            Console.WriteLine($"(s) the build budget ran out: {built:N0} of {files:N0} files built");
        }

        DocumentId AnyFile(Random random)
        {
            var b = appended[random.Next(appended.Count)];
            return ids[(b * FilesPerBatch) + random.Next(Math.Min(FilesPerBatch, files - (b * FilesPerBatch)))];
        }

        files = built;
        Console.WriteLine($"(s) built {files:N0} files / {written:N0} {(sign ? "signed " : string.Empty)}records in {buildSeconds:F0} s ({written / buildSeconds:F0} records/s, signing on {Environment.ProcessorCount} cores), file {size / 1048576.0:F0} MB");

        store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = path });
        var random = new Random(7);

        // Warm the OS cache and the pools a little, as a running service would be.
        for (var i = 0; i < 200; i++)
        {
            await store.QueryAsync(new DocumentQuery { Holder = RecordFactory.Post(random.Next(Posts)), Limit = 50 });
        }

        const int Samples = 5000;
        var inbox = new double[Samples];
        var inboxNext = new double[Samples];
        var history = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            var post = RecordFactory.Post(random.Next(Posts));
            var watch = Stopwatch.StartNew();
            var page = await store.QueryAsync(new DocumentQuery { Holder = post, Limit = 50 });
            inbox[i] = watch.Elapsed.TotalMilliseconds;
            if (page.Items.Count == 0)
            {
                throw new InvalidOperationException($"inbox page of {post} is empty");
            }

            if (page.ContinuationToken is { } token)
            {
                watch.Restart();
                await store.QueryAsync(new DocumentQuery { Holder = post, Limit = 50, After = token });
                inboxNext[i] = watch.Elapsed.TotalMilliseconds;
            }

            var id = AnyFile(random);
            watch.Restart();
            var n = 0;
            await foreach (var record in store.ReadStreamAsync(id))
            {
                n++;
            }

            history[i] = watch.Elapsed.TotalMilliseconds;
            if (n != recordsPerFile)
            {
                throw new InvalidOperationException($"history of {id} has {n} records");
            }
        }

        Console.WriteLine($"(s) inbox page (holder, 50 of ~{files / Posts:N0})   : p50 {P(inbox, 50):F3} ms, p99 {P(inbox, 99):F3} ms, max {inbox.Max():F3} ms ({Samples} samples)");
        Console.WriteLine($"(s) inbox next page (keyset token)  : p50 {P(inboxNext, 50):F3} ms, p99 {P(inboxNext, 99):F3} ms");
        Console.WriteLine($"(s) file history ({recordsPerFile} records)        : p50 {P(history, 50):F3} ms, p99 {P(history, 99):F3} ms, max {history.Max():F3} ms");

        await SearchAsync(store, "subject search, one file (Latin)      ", () => $"officer {Pick(random, files, latin: true)}, ", 1);
        await SearchAsync(store, "subject search, a number (Hindi)      ", () => $"कर्मचारी {Pick(random, files, latin: false)}", 1);
        await SearchAsync(store, "subject search, 1 in 5 files (Hindi)  ", () => "अवकाश", 50, samples: 20);
        await SearchAsync(store, "subject search, 2 characters (scan)   ", () => "कर", 50, samples: 20);

        // Stream the whole log: decode, hash and chain every record; verify every 100th signature.
        var verifier = new PublicKeyDirectory().Register(factory.Key, RecordFactory.Officer);
        var gcBefore = GC.GetTotalMemory(forceFullCollection: true);
        var heapBefore = GC.GetGCMemoryInfo().HeapSizeBytes;
        long peak = gcBefore, peakHeap = heapBefore, count = 0, verified = 0, broken = 0;
        var stream = Stopwatch.StartNew();
        SignedRecord? previous = null;
        await foreach (var record in store.ReadAllAsync())
        {
            var decoded = record.Record;
            var chained = previous is not null && previous.DocumentId == record.DocumentId
                ? decoded.PreviousHash == previous.Hash && decoded.Sequence == previous.Sequence + 1
                : decoded.Sequence == 0 ? decoded.PreviousHash == Hash256.Zero : true;
            if (!chained)
            {
                broken++;
            }

            if (sign && count % 100 == 0)
            {
                if (!verifier.Verify(decoded, record.CanonicalBytes.Span, record.Signature).IsValid)
                {
                    broken++;
                }

                verified++;
            }

            previous = record;
            if (++count % 250_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
            }
        }

        var streamSeconds = stream.Elapsed.TotalSeconds;
        var gcAfter = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine($"(s) streamed {count:N0} records in {streamSeconds:F1} s ({count / streamSeconds:F0}/s): hashes and chains checked, {verified:N0} signatures verified, {broken} failures");
        Console.WriteLine($"(s) GC heap: GetTotalMemory before {gcBefore / 1048576.0:F1} MB, peak sampled {peak / 1048576.0:F1} MB, after {gcAfter / 1048576.0:F1} MB; " +
            $"GCMemoryInfo heap size before {heapBefore / 1048576.0:F1} MB, peak sampled {peakHeap / 1048576.0:F1} MB, last {info.HeapSizeBytes / 1048576.0:F1} MB; " +
            $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!keep)
        {
            Directory.Delete(dir, recursive: true);
        }

        return broken == 0 ? 0 : 1;
    }

    private static int Pick(Random random, int files, bool latin)
    {
        // One in five files has a Hindi subject (its number a multiple of five); the rest are Latin.
        var n = random.Next(Math.Max(1, files / 5)) * 5;
        return latin ? n + 1 + random.Next(4) : n;
    }

    private static async Task SearchAsync(SqliteDocumentStore store, string label, Func<string> text, int atLeast, int samples = 500)
    {
        var times = new double[samples];
        var found = 0L;
        for (var i = 0; i < samples; i++)
        {
            var query = new DocumentQuery { Text = text(), Limit = 50 };
            var watch = Stopwatch.StartNew();
            var page = await store.QueryAsync(query);
            times[i] = watch.Elapsed.TotalMilliseconds;
            if (page.Items.Count < Math.Min(atLeast, 50))
            {
                throw new InvalidOperationException($"search '{query.Text}' found {page.Items.Count}");
            }

            found += page.Items.Count;
        }

        Console.WriteLine($"(s) {label}: p50 {P(times, 50):F3} ms, p99 {P(times, 99):F3} ms ({samples} queries, {found / (double)samples:F1} hits per first page)");
    }

    private static double P(double[] values, int percentile)
    {
        var sorted = values.Where(v => v > 0).Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percentile / 100.0) - 1)];
    }
}
