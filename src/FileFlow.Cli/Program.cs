using System.Runtime.InteropServices;
using FileFlow.Cli;

// Ctrl-C (SIGINT) and SIGTERM cancel the running command, which stops at its next step, closes the store cleanly and exits 130.
using var interrupted = new CancellationTokenSource();
void Interrupt(PosixSignalContext signal)
{
    signal.Cancel = true;
    interrupted.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellationToken: interrupted.Token).ConfigureAwait(false);
