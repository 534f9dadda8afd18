using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Audit;
using FileFlow.Cli.Infrastructure;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Machines;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Sqlite;
using FileFlow.Storage;
using Microsoft.Data.Sqlite;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Spectre.Console;
using Stateless;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow bench</c>: FileFlow's hot paths against the raw primitives they stand on; ratio = FileFlow rate / baseline rate.</summary>
internal static class BenchCommand
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How many files the movement benchmarks act on in turn.</summary>
    private const int FilePool = 512;

    public static Command Create(CliContext context, CommonOptions common)
    {
        var quick = new Option<bool>("--quick") { Description = "Short runs (for tests and smoke checks); numbers are rougher" };
        var command = new Command("bench", "Measure FileFlow (transition, signing, SQLite append, group commit, verification) against the raw primitives, in under a minute") { quick, common.Json };
        command.SetAction(async (result, ct) =>
        {
            var q = result.GetValue(quick);
            var budget = TimeSpan.FromMilliseconds(q ? 150 : 2500);
            var directory = Directory.CreateTempSubdirectory("fileflow-bench-");
            try
            {
                var results = new List<BenchResult>
                {
                    await TransitionAsync(budget, ct).ConfigureAwait(false),
                    await SignAsync("sign-rsa2048", CertificateKeyAlgorithm.Rsa2048, budget, ct).ConfigureAwait(false),
                    await SoftwareSignAsync(budget, ct).ConfigureAwait(false),
                    await SignAsync("sign-ed25519", CertificateKeyAlgorithm.Ed25519, budget, ct).ConfigureAwait(false),
                    await AppendAsync(directory.FullName, q ? 40 : 400, ct).ConfigureAwait(false),
                    await GroupCommitAsync(directory.FullName, q ? 128 : 1024, ct).ConfigureAwait(false),
                    await VerifyAsync(q ? 400 : 6000, ct).ConfigureAwait(false),
                };
                if (result.GetValue(common.Json))
                {
                    context.WriteJson(new { cores = Environment.ProcessorCount, quick = q, results });
                }
                else
                {
                    var table = new Table().Title($"FileFlow vs raw primitives ({Environment.ProcessorCount} cores{(q ? ", quick" : string.Empty)})")
                        .AddColumn("name").AddColumn(new TableColumn("FileFlow /s").RightAligned()).AddColumn(new TableColumn("baseline /s").RightAligned())
                        .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn(new TableColumn("goal").RightAligned()).AddColumn("baseline");
                    foreach (var r in results)
                    {
                        var goal = r.Goal is { } g ? $"{(r.Met == true ? "met" : "[red]not met[/]")} (≥ {g.ToString("0.##", CultureInfo.InvariantCulture)})" : "-";
                        table.AddRow(r.Name, r.FileflowPerSecond.ToString("N0", CultureInfo.InvariantCulture), r.BaselinePerSecond.ToString("N0", CultureInfo.InvariantCulture),
                            r.Ratio.ToString("0.000", CultureInfo.InvariantCulture), goal, Markup.Escape(r.Baseline));
                    }

                    context.Console.Write(table);
                }

                return ExitCodes.Ok;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                directory.Delete(recursive: true);
            }
        });
        return command;
    }

    /// <summary>
    /// An in-memory engine action with an empty signature, against a bare Stateless <c>Fire</c> doing the same move: the file's state read
    /// from a dictionary over the same pool of files, fired through a Stateless machine configured with the file machine's transitions
    /// (external state storage), the new state written back.
    /// </summary>
    private static async Task<BenchResult> TransitionAsync(TimeSpan budget, CancellationToken ct)
    {
        var office = Office(out var da, out var so, out var ramesh, out var sunita);
        var signers = new SignerRegistry().Register(ramesh, EmptySigner.Instance).Register(sunita, EmptySigner.Instance);
        var engine = new FileFlowEngine(new InMemoryDocumentStore(), signers, office, new FileFlowEngineOptions { TimeProvider = new StepClock() });
        var movement = await MovementAsync(engine, da, so, ramesh, sunita, ct).ConfigureAwait(false);

        var states = new Dictionary<int, DocumentState>();
        for (var f = 0; f < FilePool; f++)
        {
            states[f] = DocumentState.Draft;
        }

        var state = DocumentState.Draft;
        var machine = new StateMachine<DocumentState, DocumentTrigger>(() => state, s => state = s);
        foreach (var transition in DocumentMachine.For(DocumentKind.File).Transitions)
        {
            var from = machine.Configure(transition.From);
            _ = transition.From == transition.To ? from.PermitReentry(transition.Trigger) : from.Permit(transition.Trigger, transition.To);
        }

        var (fileflow, baseline) = await CompareAsync(budget, movement, i =>
        {
            var file = i % FilePool;
            state = states[file];
            machine.Fire((i / FilePool) % 2 == 0 ? DocumentTrigger.Forward : DocumentTrigger.Return);
            states[file] = state;
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        return new BenchResult("transition", fileflow, baseline, "Stateless Fire on the file machine's transitions, state read and written per file") { Goal = 0.25 };
    }

    /// <summary>A CMS-signed engine action against the raw private-key operation of the same key.</summary>
    private static async Task<BenchResult> SignAsync(string name, CertificateKeyAlgorithm algorithm, TimeSpan budget, CancellationToken ct)
    {
        var office = Office(out var da, out var so, out var ramesh, out var sunita);
        var authority = DevelopmentCertificateAuthority.CreateRoot("Bench Root", Start.AddYears(-1), Start.AddYears(5), algorithm);
        OfficerCredential Issue(OfficerId officer) => authority.IssueOfficerCertificate(new OfficerCertificateRequest
        {
            Officer = officer, Name = officer.Value, Algorithm = algorithm, NotBefore = Start.AddYears(-1), NotAfter = Start.AddYears(5),
        });
        var rameshKey = Issue(ramesh);
        var signers = new SignerRegistry().Register(ramesh, rameshKey.CreateSigner()).Register(sunita, Issue(sunita).CreateSigner());
        var engine = new FileFlowEngine(new InMemoryDocumentStore(), signers, office, new FileFlowEngineOptions { TimeProvider = new StepClock() });
        var movement = await MovementAsync(engine, da, so, ramesh, sunita, ct).ConfigureAwait(false);

        var data = RandomNumberGenerator.GetBytes(300);
        var pfx = rameshKey.ExportPkcs12("bench");
        double fileflow, baseline;
        string what;
        if (algorithm == CertificateKeyAlgorithm.Rsa2048)
        {
            using var certificate = X509CertificateLoader.LoadPkcs12(pfx, "bench", X509KeyStorageFlags.EphemeralKeySet);
            using var rsa = certificate.GetRSAPrivateKey()!;
            (fileflow, baseline) = await CompareAsync(budget, movement, _ =>
            {
                rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
            what = ".NET RSA.SignData (PKCS#1, SHA-256)";
        }
        else
        {
            var store = new Pkcs12StoreBuilder().Build();
            store.Load(new MemoryStream(pfx), "bench".ToCharArray());
            var alias = store.Aliases.First(store.IsKeyEntry);
            var key = (Ed25519PrivateKeyParameters)store.GetKey(alias).Key;
            var signer = new Ed25519Signer();
            (fileflow, baseline) = await CompareAsync(budget, movement, _ =>
            {
                signer.Init(true, key);
                signer.BlockUpdate(data, 0, data.Length);
                signer.GenerateSignature();
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
            what = "BouncyCastle Ed25519Signer";
        }

        return new BenchResult(name, fileflow, baseline, what) { Goal = algorithm == CertificateKeyAlgorithm.Rsa2048 ? 0.7 : null };
    }

    /// <summary>The README's path: an engine action signed with <see cref="SoftwareKey"/> RSA-2048 keys, against a raw native RSA signature.</summary>
    private static async Task<BenchResult> SoftwareSignAsync(TimeSpan budget, CancellationToken ct)
    {
        var office = Office(out var da, out var so, out var ramesh, out var sunita);
        var signers = new SignerRegistry()
            .Register(ramesh, SoftwareKey.Generate("ramesh", SignatureAlgorithms.Rsa2048Sha256).CreateSigner())
            .Register(sunita, SoftwareKey.Generate("sunita", SignatureAlgorithms.Rsa2048Sha256).CreateSigner());
        var engine = new FileFlowEngine(new InMemoryDocumentStore(), signers, office, new FileFlowEngineOptions { TimeProvider = new StepClock() });
        var movement = await MovementAsync(engine, da, so, ramesh, sunita, ct).ConfigureAwait(false);
        var data = RandomNumberGenerator.GetBytes(300);
        using var rsa = RSA.Create(2048);
        var (fileflow, baseline) = await CompareAsync(budget, movement, _ =>
        {
            rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        return new BenchResult("sign-rsa2048-software", fileflow, baseline, ".NET RSA.SignData (PKCS#1, SHA-256)") { Goal = 0.7 };
    }

    /// <summary>A durable FileFlow append (one commit each) against a raw SQLite insert of the same bytes, both WAL with synchronous=FULL.</summary>
    private static async Task<BenchResult> AppendAsync(string directory, int count, CancellationToken ct)
    {
        var appends = await ChainAsync(count, ct).ConfigureAwait(false);
        var path = Path.Combine(directory, "fileflow.db");
        double fileflow;
        var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = path, SynchronousMode = SqliteSynchronousMode.Full, GroupCommit = false }, ct).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            await store.AppendAsync([appends[0]], ct).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            for (var i = 1; i < appends.Count; i++)
            {
                await store.AppendAsync([appends[i]], ct).ConfigureAwait(false);
            }

            fileflow = (appends.Count - 1) / watch.Elapsed.TotalSeconds;
        }

        var raw = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "raw.db"), Pooling = false }.ConnectionString;
        using var connection = new SqliteConnection(raw);
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE records (position INTEGER PRIMARY KEY, document BLOB NOT NULL, sequence INTEGER NOT NULL, canonical BLOB NOT NULL, signature BLOB NOT NULL);";
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO records (document, sequence, canonical, signature) VALUES ($d, $s, $c, $g)";
        var d = insert.Parameters.Add("$d", SqliteType.Blob);
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var c = insert.Parameters.Add("$c", SqliteType.Blob);
        var g = insert.Parameters.Add("$g", SqliteType.Blob);
        insert.Prepare();
        var rawWatch = Stopwatch.StartNew();
        for (var i = 1; i < appends.Count; i++)
        {
            var r = appends[i].Record;
            d.Value = r.DocumentId.Value.ToByteArray();
            s.Value = r.Sequence;
            c.Value = r.CanonicalBytes.ToArray();
            g.Value = r.Signature.Value;
            insert.ExecuteNonQuery();
        }

        var baseline = (appends.Count - 1) / rawWatch.Elapsed.TotalSeconds;
        return new BenchResult("append-sqlite", fileflow, baseline, "raw SQLite INSERT, WAL, synchronous=FULL, one commit each") { Goal = 0.8 };
    }

    /// <summary>
    /// Durable appends of independent actions from many concurrent callers with group commit, against the same appends with one commit
    /// per action (both WAL, synchronous=FULL).
    /// </summary>
    private static async Task<BenchResult> GroupCommitAsync(string directory, int count, CancellationToken ct)
    {
        const int Callers = 64;
        var office = Office(out var da, out _, out var ramesh, out _);
        var signers = new SignerRegistry().Register(ramesh, SoftwareKey.Generate("ramesh", SignatureAlgorithms.Ed25519).CreateSigner());
        var engine = new FileFlowEngine(new InMemoryDocumentStore(), signers, office, new FileFlowEngineOptions { TimeProvider = new StepClock() });
        var work = new List<RecordAppend>(count);
        for (var i = 0; i < count; i++)
        {
            var opened = await engine.OpenFileAsync(ramesh, da, new NewFile("BENCH", "EST", "GEN", "Benchmark file"), cancellationToken: ct).ConfigureAwait(false);
            work.Add(new RecordAppend(opened.Record, opened.Head));
        }

        async Task<double> RunAsync(bool group)
        {
            var options = new SqliteStoreOptions { Path = Path.Combine(directory, $"group-{group}.db"), SynchronousMode = SqliteSynchronousMode.Full, GroupCommit = group };
            var store = await SqliteDocumentStore.OpenAsync(options, ct).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var next = -1;
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < work.Count)
                    {
                        await store.AppendAsync([work[i]], ct).ConfigureAwait(false);
                    }
                }, ct))).ConfigureAwait(false);
                return work.Count / watch.Elapsed.TotalSeconds;
            }
        }

        var single = await RunAsync(group: false).ConfigureAwait(false);
        var grouped = await RunAsync(group: true).ConfigureAwait(false);
        return new BenchResult("group-commit", grouped, single, $"the same SQLite appends, one commit per action, {Callers} callers, synchronous=FULL") { Goal = 5 };
    }

    /// <summary>StoreVerifier on all cores over CMS (ECDSA P-256) records, against a raw ECDSA verify on one core.</summary>
    private static async Task<BenchResult> VerifyAsync(int count, CancellationToken ct)
    {
        var office = Office(out var da, out var so, out var ramesh, out var sunita);
        var authority = DevelopmentCertificateAuthority.CreateRoot("Bench Root", Start.AddYears(-1), Start.AddYears(5), CertificateKeyAlgorithm.EcdsaP256);
        OfficerCredential Issue(OfficerId officer) => authority.IssueOfficerCertificate(new OfficerCertificateRequest
        {
            Officer = officer, Name = officer.Value, Algorithm = CertificateKeyAlgorithm.EcdsaP256, NotBefore = Start.AddYears(-1), NotAfter = Start.AddYears(5),
        });
        var rameshKey = Issue(ramesh);
        var signers = new SignerRegistry().Register(ramesh, rameshKey.CreateSigner()).Register(sunita, Issue(sunita).CreateSigner());
        var store = new InMemoryDocumentStore();
        var engine = new FileFlowEngine(store, signers, office, new FileFlowEngineOptions { TimeProvider = new StepClock() });
        await Parallel.ForEachAsync(Enumerable.Range(0, count / 8), ct, async (_, token) =>
        {
            var id = (await engine.OpenFileAsync(ramesh, da, new NewFile("BENCH", "EST", "GEN", "Benchmark file"), cancellationToken: token).ConfigureAwait(false)).Head.Id;
            for (var i = 0; i < 7; i++)
            {
                await engine.FireAsync(i % 2 == 0 ? new DocumentAction(id, DocumentTrigger.Forward, ramesh) { Recipient = so } : new DocumentAction(id, DocumentTrigger.Return, sunita), token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(authority.Root);
        var verifier = new StoreVerifier(new CertificateSignatureVerifier(trust), office);
        var watch = Stopwatch.StartNew();
        var report = await verifier.VerifyAllAsync(store, ct).ConfigureAwait(false);
        var fileflow = report.Records / watch.Elapsed.TotalSeconds;
        if (!report.IsValid)
        {
            throw new CliException("bench: the benchmark store did not verify: " + report.Failures[0], ExitCodes.CheckFailed);
        }

        using var certificate = X509CertificateLoader.LoadPkcs12(rameshKey.ExportPkcs12("bench"), "bench", X509KeyStorageFlags.EphemeralKeySet);
        using var privateKey = certificate.GetECDsaPrivateKey()!;
        using var publicKey = certificate.GetECDsaPublicKey()!;
        var records = new List<(byte[] Data, byte[] Signature)>();
        await foreach (var r in store.ReadAllAsync(0, ct).ConfigureAwait(false))
        {
            var bytes = r.CanonicalBytes.ToArray();
            records.Add((bytes, privateKey.SignData(bytes, HashAlgorithmName.SHA256)));
        }

        var rawWatch = Stopwatch.StartNew();
        foreach (var (data, signature) in records)
        {
            if (!publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256))
            {
                throw new CliException("bench: a raw signature did not verify", ExitCodes.CheckFailed);
            }
        }

        var baseline = records.Count / rawWatch.Elapsed.TotalSeconds;
        return new BenchResult("verify", fileflow, baseline, "raw ECDSA P-256 VerifyData, one core") { Goal = 1.0 };
    }

    /// <summary>Signed records of one long file, chained, ready to append in order.</summary>
    private static async Task<List<RecordAppend>> ChainAsync(int count, CancellationToken ct)
    {
        var office = Office(out var da, out var so, out var ramesh, out var sunita);
        var rameshKey = SoftwareKey.Generate("ramesh", SignatureAlgorithms.Ed25519);
        var sunitaKey = SoftwareKey.Generate("sunita", SignatureAlgorithms.Ed25519);
        var signers = new SignerRegistry().Register(ramesh, rameshKey.CreateSigner()).Register(sunita, sunitaKey.CreateSigner());
        var engine = new FileFlowEngine(new InMemoryDocumentStore(), signers, office, new FileFlowEngineOptions { TimeProvider = new StepClock() });
        var first = await engine.OpenFileAsync(ramesh, da, new NewFile("BENCH", "EST", "GEN", "Benchmark file"), cancellationToken: ct).ConfigureAwait(false);
        var appends = new List<RecordAppend> { new(first.Record, first.Head) };
        for (var i = 1; i < count; i++)
        {
            var result = await engine.FireAsync(i % 2 == 1
                ? new DocumentAction(first.Head.Id, DocumentTrigger.Forward, ramesh) { Recipient = so }
                : new DocumentAction(first.Head.Id, DocumentTrigger.Return, sunita), ct).ConfigureAwait(false);
            appends.Add(new RecordAppend(result.Record, result.Head));
        }

        return appends;
    }

    private static OrganisationChart Office(out PostId da, out PostId so, out OfficerId ramesh, out OfficerId sunita)
    {
        da = new PostId("EST-DA");
        so = new PostId("EST-SO");
        ramesh = new OfficerId("ramesh");
        sunita = new OfficerId("sunita");
        var office = new OfficeId("BENCH");
        return OrganisationChart.CreateBuilder()
            .AddOffice(new Office(office, "Benchmark office") { Sections = ["EST"] })
            .AddPost(new Post(so, "Section Officer", 2, office) { Section = "EST" })
            .AddPost(new Post(da, "Dealing Assistant", 1, office) { Section = "EST", ReportsTo = so })
            .AddOfficer(new Officer(ramesh, "Ramesh Kumar")).AddOfficer(new Officer(sunita, "Sunita Verma"))
            .Assign(ramesh, da, Start.AddYears(-1)).Assign(sunita, so, Start.AddYears(-1))
            .Build();
    }

    /// <summary>
    /// Opens a pool of files and returns an operation that forwards or returns the next one. The actions go round the pool, so each file's
    /// history stays as long as a real file's (tens of records) however fast the machine is, rather than one file growing without bound.
    /// </summary>
    private static async Task<Func<int, ValueTask>> MovementAsync(FileFlowEngine engine, PostId da, PostId so, OfficerId ramesh, OfficerId sunita, CancellationToken ct)
    {
        var files = new DocumentId[FilePool];
        for (var f = 0; f < files.Length; f++)
        {
            files[f] = (await engine.OpenFileAsync(ramesh, da, new NewFile("BENCH", "EST", "GEN", "Benchmark file"), cancellationToken: ct).ConfigureAwait(false)).Head.Id;
        }

        return async i =>
        {
            // Round r of the pool forwards every file (even r) or returns it (odd r).
            var id = files[i % files.Length];
            await engine.FireAsync((i / files.Length) % 2 == 0
                ? new DocumentAction(id, DocumentTrigger.Forward, ramesh) { Recipient = so }
                : new DocumentAction(id, DocumentTrigger.Return, sunita), ct).ConfigureAwait(false);
        };
    }

    /// <summary>
    /// Measures FileFlow's operation and the baseline's in alternating slices (after warming both up), so both see the same machine:
    /// on a shared machine whose load changes, measuring one after the other lets the load, not the code, decide the ratio.
    /// </summary>
    private static async Task<(double FileFlow, double Baseline)> CompareAsync(TimeSpan budget, Func<int, ValueTask> fileflow, Func<int, ValueTask> baseline)
    {
        const int Slices = 10;
        var slice = budget / Slices;
        var a = new Meter(fileflow);
        var b = new Meter(baseline);
        await a.RunAsync(budget / 5, count: false).ConfigureAwait(false);
        await b.RunAsync(budget / 5, count: false).ConfigureAwait(false);
        for (var k = 0; k < Slices; k++)
        {
            await a.RunAsync(slice, count: true).ConfigureAwait(false);
            await b.RunAsync(slice, count: true).ConfigureAwait(false);
        }

        return (a.Rate, b.Rate);
    }

    /// <summary>Runs one operation in timed slices, numbering calls across slices and adding up the counted ones.</summary>
    private sealed class Meter(Func<int, ValueTask> operation)
    {
        private int next;
        private long operations;
        private TimeSpan elapsed;

        public double Rate => operations / Math.Max(elapsed.TotalSeconds, 1e-9);

        public async ValueTask RunAsync(TimeSpan slice, bool count)
        {
            var n = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < slice)
            {
                await operation(next++).ConfigureAwait(false);
                n++;
            }

            if (count)
            {
                operations += n;
                elapsed += watch.Elapsed;
            }
        }
    }

    internal sealed record BenchResult(string Name, double FileflowPerSecond, double BaselinePerSecond, string Baseline)
    {
        public double Ratio => BaselinePerSecond > 0 ? FileflowPerSecond / BaselinePerSecond : 0;

        /// <summary>Gets the ratio issue #17 sets as the goal, or <see langword="null"/> where none is set.</summary>
        public double? Goal { get; init; }

        /// <summary>Gets whether this run met the goal (<see langword="null"/> without one); a goal not met is printed, not hidden.</summary>
        public bool? Met => Goal is { } goal ? Ratio >= goal : null;
    }

    /// <summary>A signer that signs nothing: isolates the engine's own cost.</summary>
    private sealed class EmptySigner : ISigner
    {
        public static readonly EmptySigner Instance = new();

        public string KeyId => "none";

        public ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new RecordSignature("none", []));
    }

    /// <summary>A clock that moves one second per reading, so records have increasing times.</summary>
    private sealed class StepClock : TimeProvider
    {
        private long ticks = Start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref ticks, TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
