using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Variables;

/// <summary>
/// A variable's JSON is longer than <see cref="EngineOptions.MaxVariableBytes"/>. From a request it is refused
/// (422) and nothing is written; from a script, an expression or a worker's result inside a run it is an incident.
/// </summary>
public sealed class VariableTooLargeException(string variable, long limit)
    : EngineException(TooLargeCode, $"Variable '{variable}' is larger than {limit} bytes as JSON, the most a variable may hold (Engine:MaxVariableBytes).",
        new Dictionary<string, object?> { ["variable"] = variable, ["limit"] = limit })
{
    /// <summary>The problem and incident code.</summary>
    public const string TooLargeCode = "VARIABLE_TOO_LARGE";

    /// <summary>The variable that is too large.</summary>
    public string Variable { get; } = variable;

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; } = limit;
}
