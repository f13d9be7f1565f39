using Bookmaker.Core.Orders;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Tests.Rest;

/// <summary>retCodes mapped to what the engine must do.</summary>
public class ErrorCodeTests
{
    [Theory]
    [InlineData(10006, BybitErrorClass.RateLimited)]
    [InlineData(10002, BybitErrorClass.Timestamp)]
    [InlineData(110007, BybitErrorClass.Balance)]
    [InlineData(170217, BybitErrorClass.PostOnlyWouldCross)]
    [InlineData(110120, BybitErrorClass.PriceBand)]
    [InlineData(170372, BybitErrorClass.PriceBand)]
    [InlineData(170146, BybitErrorClass.StateUnknown)]
    [InlineData(110079, BybitErrorClass.StateUnknown)]
    [InlineData(10014, BybitErrorClass.Duplicate)]
    [InlineData(110072, BybitErrorClass.Duplicate)]
    [InlineData(110001, BybitErrorClass.NotFound)]
    [InlineData(33004, BybitErrorClass.FatalAuth)]
    [InlineData(10024, BybitErrorClass.FatalAccount)]
    [InlineData(30228, BybitErrorClass.StopQuoting)]
    [InlineData(10019, BybitErrorClass.VenueRestarting)]
    [InlineData(110043, BybitErrorClass.NotModified)]
    [InlineData(170136, BybitErrorClass.Reject)]
    public void Reference_codes_fall_in_the_class_that_decides_the_action(int code, BybitErrorClass expected) =>
        Assert.Equal(expected, BybitErrorCodes.Classify(code));

    [Fact]
    public void An_unknown_code_is_never_taken_for_a_clean_reject()
    {
        Assert.Equal(BybitErrorClass.Unknown, BybitErrorCodes.Classify(987654));
        Assert.Equal(RejectReason.VenueError, BybitErrorCodes.ToRejectReason(987654));
    }

    [Theory]
    [InlineData(170134, RejectReason.InvalidTick)]
    [InlineData(110094, RejectReason.InvalidSize)]
    [InlineData(170218, RejectReason.PostOnlyWouldCross)]
    [InlineData(110004, RejectReason.InsufficientBalance)]
    [InlineData(10006, RejectReason.RateLimited)]
    public void Refusals_map_to_the_engine_reason(int code, RejectReason expected) => Assert.Equal(expected, BybitErrorCodes.ToRejectReason(code));

    [Theory]
    [InlineData("EC_PostOnlyWillTakeLiquidity", RejectReason.PostOnlyWouldCross)]
    [InlineData("EC_ReachRiskPriceLimit", RejectReason.InvalidPrice)]
    [InlineData("EC_BySelfMatch", RejectReason.SelfTrade)]
    [InlineData("EC_SomethingNew", RejectReason.Other)]
    public void Order_stream_reject_reasons_map_to_the_engine_reason(string text, RejectReason expected) =>
        Assert.Equal(expected, BybitErrorCodes.FromRejectText(text));
}
