using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FileFlow.Diagnostics;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.StoreContract;
using Microsoft.Extensions.DependencyInjection;

namespace FileFlow.Hosting.Tests.Diagnostics;

public sealed class TelemetryTests
{
    private readonly TestOffice office = TestOffice.Create();

    private ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(office.Clock);
        services.AddFileFlow(b => b.UseInMemoryStore().UseSigner(office.Signers).UseOrganisation(office.Chart));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Each_action_is_a_FileFlow_span_tagged_with_document_trigger_actor_from_and_to()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FileFlowDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var provider = Provider();
        var engine = provider.GetRequiredService<FileFlowEngine>();

        var head = await LeaveScenario.RunAsync(engine);
        var wrongActor = async () => await engine.FireAsync(new DocumentAction(head.Id, DocumentTrigger.Close, TestOffice.Karan));
        await wrongActor.Should().ThrowAsync<NotCurrentHolderException>();

        var spans = stopped.Where(a => (string?)a.GetTagItem(FileFlowDiagnostics.DocumentTag) == head.Id.ToString()).ToList();
        spans.Select(a => a.OperationName).Should().Equal(
            "FileFlow.Create", "FileFlow.AttachReceipt", "FileFlow.Forward", "FileFlow.Forward", "FileFlow.Approve", "FileFlow.Close");
        var forward = spans[2];
        forward.Source.Name.Should().Be("FileFlow");
        forward.GetTagItem(FileFlowDiagnostics.TriggerTag).Should().Be("Forward");
        forward.GetTagItem(FileFlowDiagnostics.ActorTag).Should().Be("ramesh");
        forward.GetTagItem(FileFlowDiagnostics.FromTag).Should().Be("EST-DA");
        forward.GetTagItem(FileFlowDiagnostics.ToTag).Should().Be("EST-SO");
        forward.GetTagItem(FileFlowDiagnostics.StateTag).Should().Be("Forwarded");
        forward.Status.Should().Be(ActivityStatusCode.Ok);
        var failed = spans[^1];
        failed.Status.Should().Be(ActivityStatusCode.Error);
        failed.GetTagItem(FileFlowDiagnostics.OutcomeTag).Should().Be("failed");
        failed.GetTagItem(FileFlowDiagnostics.ActorTag).Should().Be("karan");
    }

    [Fact]
    public async Task The_FileFlow_meter_counts_actions_by_trigger_and_times_signing_storing_and_escalations()
    {
        await using var provider = Provider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var longs = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        var doubles = new ConcurrentQueue<(string Instrument, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this container's meter: other tests' engines record on their own meters in parallel.
                if (instrument.Meter.Name == FileFlowDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => longs.Enqueue((instrument.Name, value, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => doubles.Enqueue((instrument.Name, value)));
        listener.Start();
        var engine = provider.GetRequiredService<FileFlowEngine>();

        var sanctioned = await LeaveScenario.RunAsync(engine);
        var pending = await engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "LEAVE", "Leave") { ServiceId = "medical-leave", Inputs = LeaveScenario.Inputs });
        office.Clock.Advance(TimeSpan.FromDays(40));
        var escalated = await engine.EscalateOverdueAsync();

        sanctioned.State.Should().Be(DocumentState.Approved);
        escalated.Should().ContainSingle().Which.Head.Id.Should().Be(pending.Head.Id);
        var actions = longs.Where(m => m.Instrument == FileFlowDiagnostics.ActionsCounter).ToList();
        actions.Where(m => Equals(m.Tags[FileFlowDiagnostics.TriggerTag], "Forward")).Sum(m => m.Value).Should().Be(2);
        actions.Where(m => Equals(m.Tags[FileFlowDiagnostics.TriggerTag], "Approve")).Sum(m => m.Value).Should().Be(1);
        actions.Where(m => Equals(m.Tags[FileFlowDiagnostics.TriggerTag], "Create")).Sum(m => m.Value).Should().Be(4, "a receipt, two files and a noting");
        actions.Should().OnlyContain(m => Equals(m.Tags[FileFlowDiagnostics.OutcomeTag], "ok"));
        var escalations = longs.Where(m => m.Instrument == FileFlowDiagnostics.EscalationsCounter).ToList();
        escalations.Should().ContainSingle().Which.Tags.Should().Contain(FileFlowDiagnostics.EscalationLevelTag, 1).And.Contain(FileFlowDiagnostics.ServiceTag, "medical-leave");
        var records = 0;
        await foreach (var _ in engine.Store.ReadAllAsync())
        {
            records++;
        }

        doubles.Count(m => m.Instrument == FileFlowDiagnostics.SigningDurationHistogram).Should().Be(records, "every stored record was signed once");
        doubles.Count(m => m.Instrument == FileFlowDiagnostics.StoreDurationHistogram).Should().Be(actions.Count, "one append per action, the escalation included");
        doubles.Should().OnlyContain(m => m.Value >= 0);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
