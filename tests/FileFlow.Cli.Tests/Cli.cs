using System.Diagnostics;
using System.Text.Json;

namespace FileFlow.Cli.Tests;

/// <summary>Runs the real tool: as a child process (<c>dotnet FileFlow.Cli.dll …</c>) or in-process through its entry point.</summary>
internal static class Cli
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "FileFlow.Cli.dll");

    public static Task<CliRun> RunProcessAsync(string workingDirectory, params string[] args) => RunProcessAsync(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Runs the tool as a child process with environment variables set (a null value removes the variable).</summary>
    public static async Task<CliRun> RunProcessAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        start.ArgumentList.Add(DllPath);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<CliRun> RunInProcessAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, interactive: false);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}

internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
