using System.Reflection;
using Bookmaker.Core.Books;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Engine.Tests.Strategies;

/// <summary>
/// Strategies see the engine's state only through read-only views and act only through intents: no member of
/// <see cref="IStrategy"/> or <see cref="IStrategyContext"/> hands out the live, mutable book, order or ledger, and the
/// views themselves offer nothing that changes state.
/// </summary>
public sealed class StrategySurfaceTests
{
    private static readonly Type[] Live = [typeof(OrderBook), typeof(Order), typeof(Portfolio)];

    // The views are surfaces too: a view member handing out the live object would undo the rest.
    public static TheoryData<Type> Surfaces => [typeof(IStrategy), typeof(IStrategyContext), typeof(IOrderBookView), typeof(IOrderView), typeof(IPortfolioView)];

    public static TheoryData<Type> Views => [typeof(IOrderBookView), typeof(IOrderView), typeof(IPortfolioView)];

    [Theory]
    [MemberData(nameof(Surfaces))]
    public void Strategy_surface_hands_out_no_live_book_order_or_portfolio(Type surface)
    {
        foreach (var method in surface.GetMethods())
        {
            Assert.DoesNotContain(Unwrap(method.ReturnType), Live);
            foreach (var p in method.GetParameters()) Assert.DoesNotContain(Unwrap(p.ParameterType), Live);
        }
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void Read_only_views_have_no_setters_and_no_void_methods(Type view)
    {
        Assert.All(view.GetProperties(), p => Assert.False(p.CanWrite, $"{view.Name}.{p.Name} has a setter"));
        Assert.All(view.GetMethods().Where(m => !m.IsSpecialName), m => Assert.NotEqual(typeof(void), m.ReturnType));
    }

    [Fact]
    public void Engine_objects_implement_the_views_themselves()
    {
        Assert.True(typeof(IOrderBookView).IsAssignableFrom(typeof(OrderBook)));
        Assert.True(typeof(IOrderView).IsAssignableFrom(typeof(Order)));
        Assert.True(typeof(IPortfolioView).IsAssignableFrom(typeof(Portfolio)));
    }

    /// <summary>The element type of a collection, array, nullable or by-ref type (what a strategy would hold).</summary>
    private static Type Unwrap(Type type)
    {
        if (type.IsByRef || type.IsArray) return Unwrap(type.GetElementType()!);
        if (type.IsGenericType) return type.GetGenericArguments().Select(Unwrap).FirstOrDefault(Live.Contains) ?? type;
        return type;
    }
}
