using System.Text.Json.Serialization;

namespace Bookmaker.Venues.Polymarket.Rest;

/// <summary>
/// Source-generated (reflection-free, trimming-safe) serializer metadata for every Polymarket REST shape. Numbers
/// may arrive as strings or numbers; both are accepted. Prices and sizes use the exact fixed-point converters.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OrderBookSummaryDto))]
[JsonSerializable(typeof(List<OrderBookSummaryDto>))]
[JsonSerializable(typeof(TickSizeDto))]
[JsonSerializable(typeof(NegRiskDto))]
[JsonSerializable(typeof(VersionDto))]
[JsonSerializable(typeof(ClobMarketDetailsDto))]
[JsonSerializable(typeof(ClobPageDto<ClobMarketDto>))]
[JsonSerializable(typeof(ClobMarketDto))]
[JsonSerializable(typeof(ClobPageDto<OpenOrderDto>))]
[JsonSerializable(typeof(ClobPageDto<TradeDto>))]
[JsonSerializable(typeof(OpenOrderDto))]
[JsonSerializable(typeof(GammaMarketDto))]
[JsonSerializable(typeof(List<GammaMarketDto>))]
[JsonSerializable(typeof(GammaEventDto))]
[JsonSerializable(typeof(List<GammaEventDto>))]
[JsonSerializable(typeof(GammaKeysetPageDto))]
[JsonSerializable(typeof(PostOrderResponseDto))]
[JsonSerializable(typeof(List<PostOrderResponseDto>))]
[JsonSerializable(typeof(CancelResponseDto))]
[JsonSerializable(typeof(BalanceAllowanceDto))]
[JsonSerializable(typeof(ErrorResponseDto))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, bool>))]
public sealed partial class PolymarketJsonContext : JsonSerializerContext;
