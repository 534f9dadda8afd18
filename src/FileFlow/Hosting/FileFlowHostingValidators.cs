using Microsoft.Extensions.Options;

namespace FileFlow.Hosting;

/// <summary>Checks the escalation settings once, at start.</summary>
internal sealed class FileFlowEscalationOptionsValidator : IValidateOptions<FileFlowEscalationOptions>
{
    public ValidateOptionsResult Validate(string? name, FileFlowEscalationOptions options) =>
        options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail($"{FileFlowEscalationOptions.SectionName}:{nameof(FileFlowEscalationOptions.Interval)} is {options.Interval}; give between 00:00:01 and 1.00:00:00.")
            : ValidateOptionsResult.Success;
}

/// <summary>Checks the health check settings once, at start.</summary>
internal sealed class FileFlowHealthCheckOptionsValidator : IValidateOptions<FileFlowHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, FileFlowHealthCheckOptions options) =>
        options.MaxCheckpointAge <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{FileFlowHealthCheckOptions.SectionName}:{nameof(FileFlowHealthCheckOptions.MaxCheckpointAge)} must be positive, not {options.MaxCheckpointAge}.")
            : ValidateOptionsResult.Success;
}
