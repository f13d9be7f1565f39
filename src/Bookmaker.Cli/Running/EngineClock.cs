using Bookmaker.Engine.Configuration;

namespace Bookmaker.Cli.Running;

/// <summary>The clock of a real-time run: the system clock, or the drill's jumping clock when one is configured.</summary>
internal static class EngineClock
{
    public static TimeProvider For(EngineOptions engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.DrillSpec.Find(Engine.Faults.DrillKind.ClockJump) is { } jump
            ? new Engine.Faults.JumpingClock(TimeProvider.System, jump.After, jump.Amount)
            : TimeProvider.System;
    }
}
