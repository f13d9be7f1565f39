[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Bookmaker.Venues.Polymarket.Tests")]
