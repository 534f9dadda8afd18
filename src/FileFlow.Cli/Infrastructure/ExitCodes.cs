namespace FileFlow.Cli.Infrastructure;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The thing checked is bad (verification failed).</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int BadUsage = 2;

    /// <summary>Interrupted by Ctrl-C (SIGINT) or SIGTERM, after stopping cleanly: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
