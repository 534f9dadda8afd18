using System.Diagnostics.Metrics;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Signing;
using FileFlow.StoreContract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FileFlow.Hosting.Tests;

/// <summary>The store health check and the background escalation service, in real containers on a real SQLite file.</summary>
public sealed class OperationsHostingTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly TestOffice office = TestOffice.Create();

    public void Dispose() => temp.Dispose();

    private ServiceProvider Provider(string db, Action<FileFlowBuilder> configure, IDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton<TimeProvider>(office.Clock);
        services.AddLogging();
        services.AddFileFlow(builder => configure(builder.UseSqlite(db).UseSigner(office.Signers).UseOrganisation(office.Chart)));
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public async Task Health_of_a_sqlite_store_in_use_is_healthy_with_its_schema_version_and_records()
    {
        await using var provider = Provider(temp.File("healthy.db"), b => b.AddHealthChecks());
        await LeaveScenario.RunAsync(provider.GetRequiredService<FileFlowEngine>());

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries.Should().ContainKey("fileflow").WhoseValue;
        entry.Status.Should().Be(HealthStatus.Healthy, entry.Description);
        entry.Data["schemaVersion"].Should().Be(FileFlow.Sqlite.SqliteDocumentStore.SchemaVersion);
        ((long)entry.Data["records"]).Should().BePositive();
        entry.Data["writerAlive"].Should().Be(true);
    }

    [Fact]
    public async Task Health_of_a_store_file_that_is_not_a_database_is_unhealthy_with_the_reason()
    {
        var db = temp.File("corrupt.db");
        await File.WriteAllTextAsync(db, "not a database at all " + new string('x', 4096));
        await using var provider = Provider(db, b => b.Services.AddHealthChecks().AddFileFlow());

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["fileflow"].Description.Should().StartWith("FileFlow store unreachable:").And.Contain("not a database");
    }

    [Fact]
    public async Task Health_of_a_store_in_a_folder_that_does_not_exist_is_unhealthy()
    {
        await using var provider = Provider(Path.Combine(temp.Path, "missing-folder", "store.db"), b => b.AddHealthChecks());

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["fileflow"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["fileflow"].Description.Should().StartWith("FileFlow store unreachable:").And.Contain("does not exist");
    }

    [Fact]
    public async Task Health_turns_degraded_when_the_signed_checkpoint_grows_old()
    {
        var checkpointPath = temp.File("store.checkpoint.txt");
        await using var provider = Provider(temp.File("aged.db"), b => b.AddHealthChecks(o => o.CheckpointPath = checkpointPath),
            new Dictionary<string, string?> { ["FileFlow:HealthChecks:MaxCheckpointAge"] = "06:00:00" });
        var engine = provider.GetRequiredService<FileFlowEngine>();
        await LeaveScenario.RunAsync(engine);
        var key = SoftwareKey.Generate("log", SignatureAlgorithms.Ed25519);
        var checkpoint = await MerkleLog.CreateCheckpointAsync(engine.Store, "test/log", key.CreateSigner(), office.Clock);
        await File.WriteAllTextAsync(checkpointPath, checkpoint.ToText());
        var health = provider.GetRequiredService<HealthCheckService>();

        (await health.CheckHealthAsync()).Status.Should().Be(HealthStatus.Healthy);
        office.Clock.Advance(TimeSpan.FromHours(7));
        var aged = await health.CheckHealthAsync();

        aged.Status.Should().Be(HealthStatus.Degraded);
        aged.Entries["fileflow"].Description.Should().Contain("hours old");
    }

    [Fact]
    public void A_background_escalation_interval_out_of_range_fails_the_start_naming_the_setting()
    {
        using var provider = Provider(temp.File("bad-interval.db"), b => b.AddBackgroundEscalation(),
            new Dictionary<string, string?> { ["FileFlow:Escalation:Interval"] = "00:00:00.100" });

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*FileFlow:Escalation:Interval*");
    }

    [Fact]
    public async Task Two_nodes_running_background_escalation_on_one_store_escalate_an_overdue_file_exactly_once()
    {
        var db = temp.File("nodes.db");
        long escalatedMetric = 0, sweepMetric = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "FileFlow" && instrument.Name.StartsWith("fileflow.escalation.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "fileflow.escalation.escalated")
            {
                Interlocked.Add(ref escalatedMetric, value);
            }
            else
            {
                Interlocked.Add(ref sweepMetric, value);
            }
        });
        listener.Start();

        await using var nodeA = Provider(db, b => b.AddBackgroundEscalation(o => o.Interval = TimeSpan.FromHours(1)));
        await using var nodeB = Provider(db, b => b.AddBackgroundEscalation(o => o.Interval = TimeSpan.FromHours(1)));
        var engine = nodeA.GetRequiredService<FileFlowEngine>();
        var receipt = await engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        var file = await engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "LEAVE", "Medical leave, left untouched") { ServiceId = "medical-leave", Inputs = LeaveScenario.Inputs, Application = receipt.Head.Id });
        var forwarded = await engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh));
        var due = forwarded.Head.DueAt!.Value;

        var hosted = nodeA.GetServices<IHostedService>().Concat(nodeB.GetServices<IHostedService>()).ToList();
        hosted.Count(h => h.GetType().Name == "EscalationService").Should().Be(2);
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            await WaitAsync(() => Interlocked.Read(ref sweepMetric) >= 2, "both nodes sweep at start");
            (await engine.GetUncheckedAsync(file.Head.Id)).EscalationLevel.Should().Be(0, "not yet due");

            // Past the due date: both nodes' timers fire, both sweep, the file escalates once.
            office.Clock.SetUtcNow(due.AddHours(2));
            await WaitAsync(() => Interlocked.Read(ref sweepMetric) >= 4, "both nodes sweep after the due date");
            office.Clock.Advance(TimeSpan.FromHours(1));
            await WaitAsync(() => Interlocked.Read(ref sweepMetric) >= 6, "and sweep again an hour later");
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }

        var records = await engine.Store.ReadStreamAsync(file.Head.Id).ToListAsync();
        records.Count(r => r.Record.Trigger == DocumentTrigger.Escalate).Should().Be(1);
        (await engine.GetUncheckedAsync(file.Head.Id)).EscalationLevel.Should().Be(1);
        Interlocked.Read(ref escalatedMetric).Should().Be(1, "one node escalated it; the other found it done");
        var verified = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(engine.Store);
        verified.IsValid.Should().BeTrue(string.Join("; ", verified.Failures));
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(20);
        }
    }
}
