global using Bookmaker.Core.Values;
