using System.CommandLine;
using FileFlow.Cli.Infrastructure;

namespace FileFlow.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        _ = (context, common);
        return new Command("bench", "todo");
    }
}
