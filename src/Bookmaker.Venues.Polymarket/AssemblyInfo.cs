[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Bookmaker.Venues.Polymarket.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Bookmaker.Benchmarks")]
