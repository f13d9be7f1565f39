using System.Globalization;
using System.Text;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Bookmaker.Core.Tests.Values;

public class FixedPointParseTests
{
    [Theory]
    [InlineData("0.515", 515_000_000L, 3)]
    [InlineData("60123.45", 60_123_450_000_000L, 2)]
    [InlineData("61837.63000000", 61_837_630_000_000L, 2)]
    [InlineData("0.5000000000", 500_000_000L, 1)]
    [InlineData("-3", -3_000_000_000L, 0)]
    [InlineData(".5", 500_000_000L, 1)]
    [InlineData("0.000000001", 1L, 9)]
    [InlineData("9223372036.854775807", long.MaxValue, 9)]
    [InlineData("0", 0L, 0)]
    public void Parses_exact_decimal_and_reports_significant_decimals(string text, long raw, int decimals)
    {
        Assert.True(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out long parsed, out int d));
        Assert.Equal(raw, parsed);
        Assert.Equal(decimals, d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.")]
    [InlineData("0.0000000001")]
    [InlineData("0.5000000001")]
    [InlineData("1e3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.5 ")]
    [InlineData("0.50000000000x")]
    [InlineData("+1")]
    [InlineData("12345678901")]
    [InlineData("9223372037")]
    [InlineData("9223372036.854775808")]
    [InlineData("1.2.3")]
    public void Rejects_inexact_or_malformed_text(string text)
    {
        Assert.False(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out long raw, out int decimals));
        Assert.Equal(0, raw);
        Assert.Equal(0, decimals);
    }

    [Fact]
    public void Parse_agrees_with_decimal_for_random_exact_values()
    {
        Prop.ForAll(
                Gen.Choose(-999_999, 999_999).ToArbitrary(),
                Gen.Choose(0, 999_999_999).ToArbitrary(),
                Gen.Choose(0, 3).ToArbitrary(),
                (whole, frac, extraZeros) =>
                {
                    string text = string.Create(CultureInfo.InvariantCulture, $"{whole}.{frac:D9}") + new string('0', extraZeros);
                    decimal expected = decimal.Parse(text, CultureInfo.InvariantCulture);
                    bool ok = FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out long raw, out int decimals);
                    return ok && raw == (long)(expected * FixedPoint.Scale) && decimals == FixedPoint.SignificantDecimals(raw);
                })
            .QuickCheckThrowOnFailure();
    }
}
