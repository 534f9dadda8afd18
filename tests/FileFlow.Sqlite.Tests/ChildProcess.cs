using System.Diagnostics;

namespace FileFlow.Sqlite.Tests;

/// <summary>Runs the FileFlow.Sqlite.Child program as a real, separate OS process with redirected standard streams.</summary>
public sealed class ChildProcess : IDisposable
{
    private ChildProcess(Process process) => Process = process;

    public Process Process { get; }

    public static ChildProcess Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FileFlow.Sqlite.Child.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("The child process did not start."));
    }

    /// <summary>Reads the next line of standard output, failing the test when the child stays silent too long.</summary>
    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var line = await Process.StandardOutput.ReadLineAsync(cts.Token);
        return line ?? throw new InvalidOperationException("The child ended early: " + await Process.StandardError.ReadToEndAsync());
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
