using System.Diagnostics;
using System.Diagnostics.Metrics;
using FileFlow.Diagnostics;
using FileFlow.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FileFlow.Hosting;

/// <summary>
/// Runs the engine's escalation sweep when the host starts and then on every interval, by the container's <see cref="TimeProvider"/>.
/// Safe on every node at once: an escalation's action id is derived from the file and level, so it lands exactly once. A failed sweep is
/// logged and counted, and the next one tries again.
/// </summary>
internal sealed partial class EscalationService : BackgroundService
{
    private static readonly Meter SharedMeter = new(FileFlowDiagnostics.MeterName);
    private readonly FileFlowEngine engine;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly Counter<long> sweeps;
    private readonly Counter<long> escalated;
    private readonly Histogram<double> duration;

    public EscalationService(
        FileFlowEngine engine, IOptions<FileFlowEscalationOptions> options, TimeProvider time, ILogger<EscalationService>? logger = null, IMeterFactory? meters = null)
    {
        this.engine = engine;
        interval = options.Value.Interval;
        this.time = time;
        log = logger ?? NullLogger<EscalationService>.Instance;
        var meter = meters?.Create(FileFlowDiagnostics.MeterName) ?? SharedMeter;
        sweeps = meter.CreateCounter<long>("fileflow.escalation.sweeps", "{sweep}", "Escalation sweeps run, by outcome (ok or failed)");
        escalated = meter.CreateCounter<long>("fileflow.escalation.escalated", "{file}", "Files escalated by the background sweep");
        duration = meter.CreateHistogram<double>("fileflow.escalation.duration", "s", "How long an escalation sweep took");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Started(log, interval);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }

        Stopped(log);
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var made = await engine.EscalateOverdueAsync(cancellationToken).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            sweeps.Add(1, new KeyValuePair<string, object?>("outcome", "ok"));
            escalated.Add(made.Count);
            duration.Record(seconds);
            Swept(log, made.Count, seconds * 1000);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            sweeps.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            SweepFailed(log, e);
        }
    }

    [LoggerMessage(EventId = 101, EventName = "EscalationServiceStarted", Level = LogLevel.Information, Message = "Escalation sweep every {Interval}")]
    private static partial void Started(ILogger logger, TimeSpan interval);

    [LoggerMessage(EventId = 102, EventName = "EscalationSwept", Level = LogLevel.Information, Message = "Escalation sweep escalated {Count} files in {Milliseconds:0} ms")]
    private static partial void Swept(ILogger logger, int count, double milliseconds);

    [LoggerMessage(EventId = 103, EventName = "EscalationSweepFailed", Level = LogLevel.Error, Message = "Escalation sweep failed; the next sweep tries again")]
    private static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 104, EventName = "EscalationServiceStopped", Level = LogLevel.Information, Message = "Escalation sweep stopped")]
    private static partial void Stopped(ILogger logger);
}
