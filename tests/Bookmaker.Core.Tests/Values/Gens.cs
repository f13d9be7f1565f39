using System.Numerics;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Core.Tests.Values;

/// <summary>Generators the fluent FsCheck API lacks.</summary>
internal static class Gens
{
    /// <summary>A long uniform in [lo, hi] (inclusive), built from two 32-bit draws.</summary>
    public static Gen<long> Long(long lo, long hi)
    {
        BigInteger span = (BigInteger)hi - lo + 1;
        return from a in Gen.Choose(int.MinValue, int.MaxValue)
               from b in Gen.Choose(int.MinValue, int.MaxValue)
               select (long)(lo + ((((BigInteger)(uint)a << 32) | (uint)b) % span));
    }

    /// <summary>Weighted choice between generators.</summary>
    public static Gen<T> OneOf<T>(params (int Weight, Gen<T> Gen)[] choices) => Gen.Frequency(choices);
}
