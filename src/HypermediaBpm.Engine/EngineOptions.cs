using HypermediaBpm.Engine.Scripting;

namespace HypermediaBpm.Engine;

public sealed class EngineOptions
{
    public const long DefaultMaxModelBytes = 5 * 1024 * 1024;

    public const long DefaultDefinitionCacheBytes = 64 * 1024 * 1024;

    /// <summary>1 MiB: far more than a form, a worker's answer or a script's result needs.</summary>
    public const long DefaultMaxVariableBytes = Variables.VariableSizeLimit.DefaultMaxBytes;

    /// <summary>Where "now" comes from; tests pass a manual clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public ScriptLimits ScriptLimits { get; init; } = ScriptLimits.Default;

    /// <summary>How often a command reloads and runs again after losing an optimistic-concurrency race.</summary>
    public int ConflictRetries { get; init; } = 3;

    /// <summary>
    /// The most try-confirm/cancel participants one <c>transaction</c> may enlist: each is a call the coordinator makes
    /// on confirm or cancel, so a model (or a service's answers) must not make it call without end.
    /// </summary>
    public int MaxTransactionParticipants { get; init; } = 50;

    /// <summary>
    /// Most bytes one variable may take as JSON (configuration key <c>Engine:MaxVariableBytes</c>). A request that
    /// sets a larger one is refused with <c>VARIABLE_TOO_LARGE</c>; a script or expression that does raises an incident.
    /// </summary>
    public long MaxVariableBytes { get; init; } = DefaultMaxVariableBytes;

    /// <summary>
    /// Where the engine's metrics go (<see cref="Telemetry.EngineTelemetry.MeterName"/>; the server passes one from its
    /// <c>IMeterFactory</c>); null records none.
    /// </summary>
    public System.Diagnostics.Metrics.Meter? Meter { get; init; }

    /// <summary>The worker protocol's bounds and defaults.</summary>
    public JobOptions Jobs { get; init; } = new();

    /// <summary>
    /// The largest BPMN document a deploy accepts, in bytes as uploaded (default 5 MiB; the largest model of the
    /// conformance corpus has 241 KB). Larger ones are refused with <see cref="Errors.ModelTooLargeException"/>.
    /// </summary>
    public long MaxModelBytes { get; init; } = DefaultMaxModelBytes;

    /// <summary>
    /// How much memory the parsed definitions kept for reuse may take (default 64 MiB), estimated from their sources'
    /// sizes (<see cref="Definitions.DefinitionCache.EstimatedBytes"/>); the least recently used go first.
    /// </summary>
    public long DefinitionCacheBytes { get; init; } = DefaultDefinitionCacheBytes;
}
