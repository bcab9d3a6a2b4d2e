namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// Bounds on one script run: wall-clock time, executed statements, and recursion depth of any one function.
/// </summary>
/// <param name="Timeout">Longest a run may take; also bounds how long the caller waits.</param>
/// <param name="MaxStatements">Most statements a run may execute; also sizes the run's stack (see docs/expressions.md).</param>
/// <param name="MaxRecursionDepth">How often one function may be on the call stack at once.</param>
public sealed record ScriptLimits(TimeSpan Timeout, int MaxStatements, int MaxRecursionDepth)
{
    /// <summary>2 seconds, 100,000 statements, recursion 64 deep.</summary>
    public static ScriptLimits Default { get; } = new(TimeSpan.FromSeconds(2), 100_000, 64);
}
