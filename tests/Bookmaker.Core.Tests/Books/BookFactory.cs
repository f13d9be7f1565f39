using Xunit;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Tests.Books;

internal static class BookFactory
{
    public static readonly TheoryData<string> Kinds = new() { "ladder", "sorted" };

    public static OrderBook Create(string kind) => kind switch
    {
        "ladder" => TickLadderBook.ForProbability(P("0.001")),
        "sorted" => new SortedBook(4),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static OrderBook Live(string kind, long sequence = 0)
    {
        OrderBook book = Create(kind);
        book.ApplySnapshot([], [], sequence, 0);
        return book;
    }

    public static Price P(string s) => Price.Parse(s);

    public static Quantity Q(string s) => Quantity.Parse(s);

    public static BookLevel L(string price, string size) => new(P(price), Q(size));
}
