using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>
/// Turns price/size intents into signed CLOB V2 orders: amounts with the SDK rounding for the market's tick, the
/// exchange chosen by order version and neg-risk flag, a salt from an injected (seedable) RNG and a timestamp from
/// the injected clock, so the same seed, clock and inputs give the same bytes.
/// </summary>
public sealed class OrderBuilder
{
    /// <summary>The exchange rejects GTD orders expiring sooner than this after now ("security threshold").</summary>
    public static readonly TimeSpan GtdSecurityThreshold = TimeSpan.FromMinutes(1);

    private const long MaxSaltExclusive = 1L << 53; // sent as a JSON number: must survive a double

    private readonly OrderSigner _signer;
    private readonly PolymarketContracts _contracts;
    private readonly TimeProvider _time;
    private readonly Random _salt;

    /// <summary>Creates a builder. <paramref name="saltRandom"/> should be seeded in tests and simulations.</summary>
    public OrderBuilder(OrderSigner signer, PolymarketContracts contracts, TimeProvider time, Random saltRandom)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(saltRandom);
        _signer = signer;
        _contracts = contracts;
        _time = time;
        _salt = saltRandom;
    }

    /// <summary>
    /// Order version used when a market does not override it. Set from configuration now and from
    /// <c>GET /version</c> by the REST client (re-read on <c>order_version_mismatch</c>).
    /// </summary>
    public OrderVersion Version { get; set; } = OrderVersion.V2;

    /// <summary>Builder attribution code signed into every order (zero by default).</summary>
    public Bytes32 BuilderCode { get; set; } = Bytes32.Zero;

    /// <summary>The signer in use.</summary>
    public OrderSigner Signer => _signer;

    /// <summary>Builds and signs a limit order of <paramref name="size"/> shares at <paramref name="price"/>.</summary>
    public SignedOrder BuildLimit(
        in MarketSigningInfo market,
        Side side,
        Price price,
        Quantity size,
        TimeInForce timeInForce = TimeInForce.Gtc,
        bool postOnly = false,
        DateTimeOffset? expiresAt = null,
        bool deferExec = false)
    {
        ValidatePrice(market, price);
        if (!size.IsPositive) throw new ArgumentOutOfRangeException(nameof(size), size, "size must be positive");
        var (maker, taker) = OrderAmounts.ForLimit(side, price, size, market.TickSize);
        if (maker <= 0 || taker <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "size rounds to zero at this tick");
        return Finish(market, side, maker, taker, timeInForce, postOnly, expiresAt, deferExec);
    }

    /// <summary>
    /// Builds and signs a market (FOK/FAK) order. BUY spends <paramref name="amount"/> USDC, SELL sells
    /// <paramref name="amount"/> shares; <paramref name="worstPrice"/> caps the slippage.
    /// </summary>
    public SignedOrder BuildMarket(in MarketSigningInfo market, Side side, Price worstPrice, decimal amount, TimeInForce timeInForce = TimeInForce.Fok)
    {
        if (timeInForce is not (TimeInForce.Fok or TimeInForce.Fak))
            throw new ArgumentOutOfRangeException(nameof(timeInForce), timeInForce, "market orders are FOK or FAK");
        ValidatePrice(market, worstPrice);
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "amount must be positive");
        var (maker, taker) = OrderAmounts.ForMarket(side, worstPrice, amount, market.TickSize);
        if (maker <= 0 || taker <= 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "amount rounds to zero at this tick");
        return Finish(market, side, maker, taker, timeInForce, postOnly: false, expiresAt: null, deferExec: false);
    }

    /// <summary>A market BUY spending <paramref name="spend"/> USDC, no worse than <paramref name="worstPrice"/>.</summary>
    public SignedOrder BuildMarketBuy(in MarketSigningInfo market, Price worstPrice, Money spend, TimeInForce timeInForce = TimeInForce.Fok) =>
        BuildMarket(market, Side.Buy, worstPrice, spend.ToDecimal(), timeInForce);

    /// <summary>A market SELL of <paramref name="shares"/>, no worse than <paramref name="worstPrice"/>.</summary>
    public SignedOrder BuildMarketSell(in MarketSigningInfo market, Price worstPrice, Quantity shares, TimeInForce timeInForce = TimeInForce.Fok) =>
        BuildMarket(market, Side.Sell, worstPrice, shares.ToDecimal(), timeInForce);

    /// <summary>
    /// Builds from the engine's <see cref="OrderRequest"/>: limit orders by price and size, market BUYs by
    /// <see cref="OrderRequest.QuoteAmount"/>, market SELLs by size.
    /// </summary>
    public SignedOrder Build(OrderRequest request, in MarketSigningInfo market)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Type == OrderType.Limit)
            return BuildLimit(market, request.Side, request.Price, request.Size, request.TimeInForce, request.PostOnly, request.ExpireAt);
        decimal amount = request.Side == Side.Buy ? request.QuoteAmount.ToDecimal() : request.Size.ToDecimal();
        return BuildMarket(market, request.Side, request.Price, amount, request.TimeInForce);
    }

    private SignedOrder Finish(in MarketSigningInfo market, Side side, long maker, long taker, TimeInForce tif, bool postOnly, DateTimeOffset? expiresAt, bool deferExec)
    {
        if (postOnly && tif is not (TimeInForce.Gtc or TimeInForce.Gtd))
            throw new ArgumentException("post-only is allowed only for GTC and GTD orders", nameof(postOnly));
        DateTimeOffset now = _time.GetUtcNow();
        long expiration = 0;
        if (tif == TimeInForce.Gtd)
        {
            if (expiresAt is null) throw new ArgumentException("a GTD order needs an expiry", nameof(expiresAt));
            if (expiresAt.Value <= now + GtdSecurityThreshold)
                throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "GTD expiry must be more than one minute ahead (exchange security threshold)");
            expiration = expiresAt.Value.ToUnixTimeSeconds();
        }
        else if (expiresAt is not null)
        {
            throw new ArgumentException($"only GTD orders carry an expiry, not {tif}", nameof(expiresAt));
        }

        var version = market.Version ?? Version;
        var domain = _contracts.For(version, market.NegRisk);
        var order = new OrderV2(
            (ulong)_salt.NextInt64(0, MaxSaltExclusive),
            _signer.Maker,
            _signer.Signer,
            market.TokenId,
            maker,
            taker,
            side,
            _signer.Type,
            now.ToUnixTimeMilliseconds(),
            Bytes32.Zero,
            BuilderCode);
        Span<byte> signature = stackalloc byte[OrderSigner.MaxSignatureLength];
        int n = _signer.Sign(order, domain, signature);
        return new SignedOrder(order, Hex.Encode0x(signature[..n]), tif, expiration, postOnly, deferExec, _signer.MakerText, _signer.SignerText);
    }

    private static void ValidatePrice(in MarketSigningInfo market, Price price)
    {
        if (market.TokenId.Text is null) throw new ArgumentException("the market has no token id", nameof(market));
        _ = RoundingConfig.For(market.TickSize);
        if (price < market.TickSize || price > Price.One - market.TickSize)
            throw new ArgumentOutOfRangeException(nameof(price), price, $"invalid price, min: {market.TickSize} - max: {Price.One - market.TickSize}");
        if (!price.IsOnTick(market.TickSize))
            throw new ArgumentOutOfRangeException(nameof(price), price, $"price is not a multiple of the tick {market.TickSize}");
    }
}
