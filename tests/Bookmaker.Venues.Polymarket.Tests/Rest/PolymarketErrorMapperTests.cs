using System.Text;
using Bookmaker.Core.Orders;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Tests.Rest;

public sealed class PolymarketErrorMapperTests
{
    [Theory]
    [InlineData(400, "order is invalid. Price breaks minimum tick size rules", RejectReason.InvalidTick)]
    [InlineData(400, "order 0xabc... is invalid. Price (100) breaks minimum tick size rule: 0.1", RejectReason.InvalidTick)]
    [InlineData(400, "order is invalid. Size lower than the minimum", RejectReason.InvalidSize)]
    [InlineData(400, "invalid amount for a marketable buy order", RejectReason.InvalidSize)]
    [InlineData(400, "order is invalid. Duplicated. Same order has already been placed, can't be placed again", RejectReason.Duplicate)]
    [InlineData(400, "not enough balance / allowance", RejectReason.InsufficientBalance)]
    [InlineData(400, "invalid post-only order: order crosses book", RejectReason.PostOnlyWouldCross)]
    [InlineData(400, "invalid post-only order: only GTC and GTD order types are allowed", RejectReason.Other)]
    [InlineData(503, "Trading is currently cancel-only. New orders are not accepted, but cancels are allowed.", RejectReason.CancelOnly)]
    [InlineData(503, "post-only mode: only post-only orders and cancels are allowed", RejectReason.PostOnlyMode)]
    [InlineData(503, "Trading is currently disabled. Check polymarket.com for updates", RejectReason.MarketUnavailable)]
    [InlineData(425, "", RejectReason.VenueRestarting)]
    [InlineData(429, "Too Many Requests", RejectReason.RateLimited)]
    [InlineData(400, "order couldn't be fully filled, FOK orders are fully filled/killed", RejectReason.NotFilled)]
    [InlineData(400, "no orders found to match with FAK order", RejectReason.NotFilled)]
    [InlineData(400, "Too many orders in payload: 20, max allowed: 15", RejectReason.BatchTooLarge)]
    [InlineData(400, "Too many orders in payload, max allowed: 1000", RejectReason.BatchTooLarge)]
    [InlineData(400, "Payload exceeds the limit", RejectReason.BatchTooLarge)]
    [InlineData(400, "order_version_mismatch", RejectReason.Other)]
    [InlineData(401, "Unauthorized/Invalid api key", RejectReason.Unauthorized)]
    [InlineData(401, "Invalid API key", RejectReason.Unauthorized)]
    [InlineData(401, "Invalid L1 Request headers", RejectReason.Unauthorized)]
    [InlineData(401, "Invalid L1 headers", RejectReason.Unauthorized)]
    [InlineData(400, "the order owner has to be the owner of the API KEY", RejectReason.Unauthorized)]
    [InlineData(400, "the order signer address has to be the address of the API KEY", RejectReason.Unauthorized)]
    [InlineData(400, "'0x1234' address banned", RejectReason.Unauthorized)]
    [InlineData(400, "'0x1234' address in closed only mode", RejectReason.CancelOnly)]
    [InlineData(400, "Invalid order payload", RejectReason.Other)]
    [InlineData(400, "invalid expiration", RejectReason.Other)]
    [InlineData(500, "could not insert order", RejectReason.VenueError)]
    [InlineData(400, "could not run the execution", RejectReason.VenueError)]
    [InlineData(400, "error delaying the order", RejectReason.VenueError)]
    [InlineData(400, "the market is not yet ready to process new orders", RejectReason.MarketUnavailable)]
    [InlineData(400, "price discrepancy greater than allowed", RejectReason.InvalidPrice)]
    [InlineData(404, "No orderbook exists for the requested token id", RejectReason.MarketUnavailable)]
    [InlineData(200, "Rate limit exceeded for tokenId: 123", RejectReason.RateLimited)]
    [InlineData(500, "something odd", RejectReason.VenueError)]
    [InlineData(400, "something odd", RejectReason.Other)]
    [InlineData(0, null, RejectReason.Timeout)]
    public void Maps_every_documented_error_to_its_reason(int status, string? text, RejectReason expected)
    {
        Assert.Equal(expected, PolymarketErrorMapper.Map(status, text).Reason);
    }

    [Fact]
    public void Order_version_mismatch_is_flagged_for_a_version_reread()
    {
        PolymarketError e = PolymarketErrorMapper.Map(400, "order_version_mismatch");

        Assert.True(e.OrderVersionMismatch);
        Assert.True(e.Retryable);
    }

    [Fact]
    public void Rate_limit_takes_retry_after_from_the_header()
    {
        PolymarketError e = PolymarketErrorMapper.Map(429, "slow down", retryAfterHeader: TimeSpan.FromSeconds(3));

        Assert.Equal((RejectReason.RateLimited, TimeSpan.FromSeconds(3), true), (e.Reason, e.RetryAfter, e.Retryable));
    }

    [Fact]
    public void Post_only_mode_body_gives_code_and_retry_after_seconds()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"error":"post-only mode: only post-only orders and cancels are allowed","code":"post_only_mode","retry_after_seconds":79}""");

        PolymarketError e = PolymarketErrorMapper.MapBody(503, body);

        Assert.Equal((RejectReason.PostOnlyMode, TimeSpan.FromSeconds(79)), (e.Reason, e.RetryAfter));
    }

    [Fact]
    public void Plain_text_or_broken_body_still_maps_by_text_and_status()
    {
        Assert.Equal(RejectReason.InsufficientBalance, PolymarketErrorMapper.MapBody(400, "not enough balance / allowance"u8).Reason);
        Assert.Equal(RejectReason.VenueError, PolymarketErrorMapper.MapBody(502, "{broken"u8).Reason);
    }

    [Fact]
    public void Business_rejections_are_not_retryable()
    {
        Assert.False(PolymarketErrorMapper.Map(400, "not enough balance / allowance").Retryable);
        Assert.False(PolymarketErrorMapper.Map(400, "'0x1' address in closed only mode").Retryable);
    }

    [Fact]
    public void Empty_batch_error_message_means_no_rejection()
    {
        Assert.Equal(RejectReason.None, PolymarketErrorMapper.MapMessage(""));
    }
}
