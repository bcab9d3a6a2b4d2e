namespace HypermediaBpm.Engine.Scripting;

/// <summary>What a script produced, converted to the engine's value model.</summary>
/// <param name="CompletionValue">The value of the last expression statement, or what the script passed to
/// <c>next(null, result)</c>; stored in <c>camunda:resultVariable</c> when the task names one.</param>
/// <param name="VariablesSet">Variables set through <c>execution.setVariable</c>, last value per name, in order of first set.</param>
public sealed record ScriptResult(object? CompletionValue, IReadOnlyDictionary<string, object?> VariablesSet);
