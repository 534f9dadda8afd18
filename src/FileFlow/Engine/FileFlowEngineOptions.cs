using System.Diagnostics.Metrics;
using FileFlow.Diagnostics;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FileFlow.Engine;

/// <summary>Settings of a <see cref="FileFlowEngine"/>; read once when the engine is built.</summary>
public sealed class FileFlowEngineOptions
{
    /// <summary>Gets or sets the clock every record's time is read from.</summary>
    /// <value><see cref="TimeProvider.System"/> by default; a fake clock in tests and simulations.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the rule that decides each document's next holder.</summary>
    /// <value><see langword="null"/> by default: service files follow their service's route (<see cref="ServiceRouting"/>), other files go to the named recipient. A post's holder on leave keeps the post's files; the delegate acts for the post and sees them in their inbox. Wrap the rule in <see cref="DelegationRouting"/> to send files to the delegate's own post instead.</value>
    public IRoutingRule? Routing { get; set; }

    /// <summary>Gets or sets the service definitions; a file opened for a service in it is validated, pinned to the definition's version and given a due date.</summary>
    /// <value><see langword="null"/> by default: a file's service id is only a label.</value>
    public ServiceCatalog? Services { get; set; }

    /// <summary>Gets or sets the holiday calendar for time limits counted in working days.</summary>
    /// <value>Sundays and second and fourth Saturdays off by default.</value>
    public IHolidayCalendar? Calendar { get; set; }

    /// <summary>Gets or sets the officer whose signer signs escalations made by operation of law when time limits pass.</summary>
    /// <value><c>fileflow-system</c> by default; with <see cref="Services"/> configured the signer provider must have a signer for it, checked when the
    /// engine is built. <see langword="null"/> builds an engine that makes no escalations (a report or other read-only tool);
    /// <see cref="FileFlowEngine.EscalateOverdueAsync"/> then throws.</value>
    public OfficerId? SystemOfficer { get; set; } = new OfficerId("fileflow-system");

    /// <summary>Gets or sets this instance's name, written into files sent to and received from other FileFlow instances (<see cref="Documents.DocumentTrigger.SendToInstance"/>).</summary>
    /// <value><see langword="null"/> by default: the engine neither sends nor receives files across instances.</value>
    public string? Instance { get; set; }

    /// <summary>Gets or sets the generator of file and diary numbers.</summary>
    /// <value><see langword="null"/> by default: serial numbers from the store's durable counters.</value>
    public IFileNumberGenerator? NumberGenerator { get; set; }

    /// <summary>Gets or sets whether a service application's clock starts only when it is acknowledged as complete (<see cref="Documents.DocumentTrigger.Acknowledge"/>), with the due date written on the acknowledgment.</summary>
    /// <value><see langword="false"/> by default: the clock starts when the file is opened (or when its application was diarised).</value>
    public bool RequireAcknowledgment { get; set; }

    /// <summary>Gets or sets the factory of the loggers the engine writes one structured line per action to (document, trigger, actor, from, to; never content or keys).</summary>
    /// <value><see cref="NullLoggerFactory.Instance"/> by default: nothing is logged.</value>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Gets or sets the factory of the <see cref="FileFlowDiagnostics.MeterName"/> meter the engine records metrics to, such as a DI container's <see cref="IMeterFactory"/>.</summary>
    /// <value><see langword="null"/> by default: a process-wide meter of the same name.</value>
    public IMeterFactory? MeterFactory { get; set; }
}
