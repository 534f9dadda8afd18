using System.CommandLine;
using FileFlow.Cli.Commands;
using FileFlow.Cli.Infrastructure;

namespace FileFlow.Cli;

/// <summary>The <c>fileflow</c> tool: parses the command line, runs the command, maps failures to exit codes (1: the thing checked is bad; 2: bad usage or input).</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool? interactive = null, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, interactive ?? (!Console.IsOutputRedirected && ReferenceEquals(output, Console.Out)));
        var root = Build(context);
        if (args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
        {
            await error.WriteLineAsync($"fileflow: unknown command '{OneLine(args[0])}' (see 'fileflow --help' for the commands)").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync($"fileflow: {OneLine(parsed.Errors[0].Message)} (see 'fileflow --help')").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }

        try
        {
            // Signals are handled by the caller (Program), which cancels cancellationToken: no forced exit while a store is open.
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error, ProcessTerminationTimeout = null };
            return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync("fileflow: " + OneLine(e.Message)).ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("fileflow: interrupted; stopped cleanly, the store is consistent").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("fileflow: cancelled").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
        catch (Exception e) when (e is FileFlowException or IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidOperationException
                                   or System.Data.Common.DbException or System.Data.DataException or System.Security.Cryptography.CryptographicException)
        {
            await error.WriteLineAsync($"fileflow: {e.GetType().Name}: {OneLine(e.Message)}").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
    }

    internal static RootCommand Build(CliContext context)
    {
        var common = new CommonOptions();
        return new RootCommand(
            "fileflow — signed government e-file movement: simulate, verify, inspect, draw, export, certify copies, benchmark and report on a FileFlow store;\n"
            + "send files between instances, refer a file for comment, import scanned paper files (acting as an officer: --officer ID --credential PFX).\n"
            + "Store: --db PATH (SQLite, default fileflow.db; sidecar files <db>.root.pem, .org.json, .checkpoint.txt, .log.pem sit beside it; the checkpoint log in <db>.checkpoints/)\n"
            + "  or --postgres CONNECTION [--schema NAME] [--state-dir DIR] (sidecars in DIR, default the current folder, as fileflow-pg-<schema>.*).\n"
            + "Exit codes: 0 success; 1 the thing checked is bad (verification failed); 2 bad usage or bad input. Failures print one line on stderr.")
        {
            SimulateCommand.Create(context, common),
            VerifyCommand.Create(context, common),
            CheckpointCommand.Create(context, common),
            ListCommands.Files(context, common),
            ListCommands.Inbox(context, common),
            ListCommands.History(context, common),
            ListCommands.Pending(context, common),
            ListCommands.Services(context, common),
            NodesCommand.Create(context, common),
            GraphCommand.Create(context),
            ExportCommand.Create(context, common),
            CopyCommand.Create(context, common),
            BenchCommand.Create(context, common),
            ReportCommand.Create(context, common),
            BackupCommand.Create(context, common),
            OrgCommand.Create(context, common),
            InstanceCommand.Create(context, common),
            ConsultationCommands.Refer(context, common),
            ConsultationCommands.Reply(context, common),
            ConsultationCommands.Referrals(context, common),
            PaperCommand.Create(context, common),
        };
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
