using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Bookmaker.Venues.Bybit.Emulator.Trading;

/// <summary>Writes the venue's JSON shapes: the REST envelope, stream frames. A test tool: clarity over allocation.</summary>
internal static class EmuJson
{
    /// <summary>Renders what <paramref name="write"/> writes as a string.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The REST envelope <c>{retCode, retMsg, result, retExtInfo, time}</c>; <paramref name="result"/> writes the result's value (null: <c>{}</c>).</summary>
    public static string Envelope(int code, string message, long timeMs, Action<Utf8JsonWriter>? result = null, Action<Utf8JsonWriter>? extInfo = null) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("retCode", code);
        w.WriteString("retMsg", message);
        w.WritePropertyName("result");
        if (result is null) EmptyObject(w);
        else result(w);
        w.WritePropertyName("retExtInfo");
        if (extInfo is null) EmptyObject(w);
        else extInfo(w);
        w.WriteNumber("time", timeMs);
        w.WriteEndObject();
    });

    /// <summary>Writes <c>{}</c>.</summary>
    public static void EmptyObject(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteEndObject();
    }
}
