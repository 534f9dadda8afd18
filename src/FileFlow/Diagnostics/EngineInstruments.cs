using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FileFlow.Diagnostics;

/// <summary>The activity source, meter and instruments one engine records to.</summary>
internal sealed class EngineInstruments
{
    private static readonly string? Version = typeof(EngineInstruments).Assembly.GetName().Version?.ToString();

    private EngineInstruments(Meter meter)
    {
        Actions = meter.CreateCounter<long>(FileFlowDiagnostics.ActionsCounter, "{action}", "Actions on documents, by trigger and outcome.");
        ActionDuration = meter.CreateHistogram<double>(FileFlowDiagnostics.ActionDurationHistogram, "ms", "Time to check, route, sign and store one action.");
        SigningDuration = meter.CreateHistogram<double>(FileFlowDiagnostics.SigningDurationHistogram, "ms", "Time to sign one record.");
        StoreDuration = meter.CreateHistogram<double>(FileFlowDiagnostics.StoreDurationHistogram, "ms", "Time to append one atomic batch to the store.");
        Escalations = meter.CreateCounter<long>(FileFlowDiagnostics.EscalationsCounter, "{escalation}", "Time-limit breaches escalated by operation of law.");
    }

    /// <summary>Gets the activity source every engine traces to.</summary>
    public static ActivitySource Source { get; } = new(FileFlowDiagnostics.ActivitySourceName, Version);

    /// <summary>Gets the instruments on the process-wide meter, used when no meter factory is configured.</summary>
    public static EngineInstruments Shared { get; } = new(new Meter(FileFlowDiagnostics.MeterName, Version));

    public Counter<long> Actions { get; }

    public Histogram<double> ActionDuration { get; }

    public Histogram<double> SigningDuration { get; }

    public Histogram<double> StoreDuration { get; }

    public Counter<long> Escalations { get; }

    /// <summary>Returns the instruments on the meter <paramref name="factory"/> creates (a DI container's own), or the shared ones.</summary>
    public static EngineInstruments For(IMeterFactory? factory) =>
        factory is null ? Shared : new EngineInstruments(factory.Create(new MeterOptions(FileFlowDiagnostics.MeterName) { Version = Version }));
}
