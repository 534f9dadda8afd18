namespace FileFlow.Cli.Infrastructure;

/// <summary>A failure the tool reports as one line on stderr with a given exit code (2: bad usage or input).</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.BadUsage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
