using FileFlow.Documents;
using FileFlow.Routing;

namespace FileFlow.Engine;

/// <summary>Settings of a <see cref="FileFlowEngine"/>; read once when the engine is built.</summary>
public sealed class FileFlowEngineOptions
{
    /// <summary>Gets or sets the clock every record's time is read from.</summary>
    /// <value><see cref="TimeProvider.System"/> by default; a fake clock in tests and simulations.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the rule that decides each document's next holder.</summary>
    /// <value><see cref="ExplicitRecipientRouting"/> by default.</value>
    public IRoutingRule Routing { get; set; } = ExplicitRecipientRouting.Instance;

    /// <summary>Gets or sets the generator of file and diary numbers.</summary>
    /// <value><see langword="null"/> by default: serial numbers from the store's durable counters.</value>
    public IFileNumberGenerator? NumberGenerator { get; set; }
}
