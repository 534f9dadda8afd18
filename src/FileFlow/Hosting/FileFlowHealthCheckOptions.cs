namespace FileFlow.Hosting;

/// <summary>Settings of the FileFlow store health check, bound from <c>FileFlow:HealthChecks</c> and validated when the host starts.</summary>
public sealed class FileFlowHealthCheckOptions
{
    /// <summary>The configuration section the settings are bound from: "FileFlow:HealthChecks".</summary>
    public const string SectionName = FileFlowOptions.SectionName + ":HealthChecks";

    /// <summary>Gets or sets the signed checkpoint file (as <c>fileflow simulate</c> writes, <c>&lt;db&gt;.checkpoint.txt</c>) whose age is checked.</summary>
    /// <value><see langword="null"/> by default: the check reports no checkpoint age.</value>
    public string? CheckpointPath { get; set; }

    /// <summary>Gets or sets the age past which the checkpoint makes the store report <c>Degraded</c>.</summary>
    /// <value>One day by default.</value>
    public TimeSpan MaxCheckpointAge { get; set; } = TimeSpan.FromDays(1);
}
