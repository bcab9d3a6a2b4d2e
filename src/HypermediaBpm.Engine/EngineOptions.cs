using HypermediaBpm.Engine.Scripting;

namespace HypermediaBpm.Engine;

public sealed class EngineOptions
{
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

    /// <summary>The worker protocol's bounds and defaults.</summary>
    public JobOptions Jobs { get; init; } = new();
}
