using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(FileFlow.Benchmarks.EngineBenchmarks).Assembly).Run(args);
