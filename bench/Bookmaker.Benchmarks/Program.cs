using BenchmarkDotNet.Running;
using Bookmaker.Benchmarks;

if (args.Length > 0 && args[0] == "--cpu-time") return CpuTimeRunner.Run(args);

// Not typeof(Program): the CLI assembly (referenced by the end-to-end backtest benchmark) has a public Program too.
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkData).Assembly).Run(args);
return 0;
