namespace FileFlow.Hosting;

/// <summary>Settings of the background escalation sweep, bound from <c>FileFlow:Escalation</c> and validated when the host starts.</summary>
public sealed class FileFlowEscalationOptions
{
    /// <summary>The configuration section the settings are bound from: "FileFlow:Escalation".</summary>
    public const string SectionName = FileFlowOptions.SectionName + ":Escalation";

    /// <summary>Gets or sets how long the service waits between sweeps; the first sweep runs when the host starts.</summary>
    /// <value>Five minutes by default; between one second and one day.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}
