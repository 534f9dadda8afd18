using System.CommandLine;
using FileFlow.Cli.Infrastructure;

namespace FileFlow.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        _ = (context, common);
        return new Command("report", "todo");
    }
}
