namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// Bounds on one script run. Every one of them ends the run on the thread that runs it: nothing is left running
/// after <see cref="IScriptRunner.Run"/> has answered.
/// </summary>
/// <param name="Timeout">Longest a run may take (wall clock).</param>
/// <param name="MaxStatements">Most statements a run may execute.</param>
/// <param name="MaxRecursionDepth">How often one function may be on the call stack at once.</param>
public sealed record ScriptLimits(TimeSpan Timeout, int MaxStatements, int MaxRecursionDepth)
{
    /// <summary>64 MiB: far above what a script handling variables of <c>Engine:MaxVariableBytes</c> allocates.</summary>
    public const long DefaultMaxAllocatedBytes = 64L * 1024 * 1024;

    /// <summary>1,000,000: the most items a value from a script may have, so the most an array usefully holds.</summary>
    public const uint DefaultMaxArrayLength = 1_000_000;

    /// <summary>2 seconds, 100,000 statements, recursion 64 deep, 64 MiB allocated, regular expressions 1 second.</summary>
    public static ScriptLimits Default { get; } = new(TimeSpan.FromSeconds(2), 100_000, 64);

    /// <summary>
    /// Most bytes a run may allocate in total (an allocation budget, not a heap size: garbage counts too). A string
    /// that doubles itself or an array that fills billions of slots ends here, long before the server feels it.
    /// </summary>
    public long MaxAllocatedBytes { get; init; } = DefaultMaxAllocatedBytes;

    /// <summary>
    /// Longest one regular expression match may take. A match runs inside .NET's regex engine, where no statement
    /// is counted, so it has its own clock; a run can therefore last at most about this much past <see cref="Timeout"/>.
    /// </summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest array (or array-like <c>length</c>) that the array built-ins accept. Built-ins walk every index up to
    /// <c>length</c> without counting statements, so <c>a.length = 4294967295</c> must not reach them.
    /// </summary>
    public uint MaxArrayLength { get; init; } = DefaultMaxArrayLength;
}
