using BenchmarkDotNet.Running;
using FileFlow.Benchmarks;

if (args is ["--profile", ..])
{
    await ProfileLoop.RunAsync(TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
