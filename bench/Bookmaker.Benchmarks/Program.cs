using BenchmarkDotNet.Running;

// Not typeof(Program): the CLI assembly (referenced by the end-to-end backtest benchmark) has a public Program too.
BenchmarkSwitcher.FromAssembly(typeof(Bookmaker.Benchmarks.BenchmarkData).Assembly).Run(args);
