using System.CommandLine;
using FileFlow.Cli.Infrastructure;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow export</c>: writes a file's verifiable bundle. The bundle exporter is being built separately; the lead wires it into <see cref="ExportAsync"/>.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        _ = context;
        var file = new Option<string>("--file") { Description = "The file number to export", Required = true, HelpName = "NUMBER" };
        var output = new Option<string>("--out") { Description = "Where to write the bundle", Required = true, HelpName = "PATH" };
        var command = new Command("export", "Export a file with its records, signatures and proofs as a self-verifying bundle") { file, output };
        common.AddStoreTo(command);
        command.SetAction((result, ct) => ExportAsync(common.Location(result), result.GetValue(file)!, result.GetValue(output)!, ct));
        return command;
    }

    /// <summary>The one method the lead wires to the bundle exporter.</summary>
    private static Task<int> ExportAsync(StoreLocation location, string fileNumber, string path, CancellationToken cancellationToken)
    {
        _ = (location, fileNumber, path, cancellationToken);
        throw new CliException("export is not available in this build: the bundle exporter is not wired in yet");
    }
}
