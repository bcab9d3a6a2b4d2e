using HypermediaBpm.Engine.Scripting;

namespace HypermediaBpm.Engine;

public sealed class EngineOptions
{
    /// <summary>1 MiB: far more than a form, a worker's answer or a script's result needs.</summary>
    public const long DefaultMaxVariableBytes = 1024 * 1024;

    /// <summary>Where "now" comes from; tests pass a manual clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public ScriptLimits ScriptLimits { get; init; } = ScriptLimits.Default;

    /// <summary>How often a command reloads and runs again after losing an optimistic-concurrency race.</summary>
    public int ConflictRetries { get; init; } = 3;

    /// <summary>
    /// Most bytes one variable may take as JSON (configuration key <c>Engine:MaxVariableBytes</c>). A request that
    /// sets a larger one is refused with <c>VARIABLE_TOO_LARGE</c>; a script or expression that does raises an incident.
    /// </summary>
    public long MaxVariableBytes { get; init; } = DefaultMaxVariableBytes;

    /// <summary>The worker protocol's bounds and defaults.</summary>
    public JobOptions Jobs { get; init; } = new();
}
