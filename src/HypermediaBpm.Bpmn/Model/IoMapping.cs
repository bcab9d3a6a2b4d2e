namespace HypermediaBpm.Bpmn.Model;

/// <summary>An input or output mapping: <c>camunda:inputParameter</c>, <c>zeebe:input</c>, <c>camunda:in</c>/<c>out</c>.</summary>
/// <param name="Source">An expression (or, for <c>camunda:in source=</c>, a variable name).</param>
/// <param name="Target">The variable to set.</param>
/// <param name="SourceIsVariable">
/// True when <paramref name="Source"/> names a variable (<c>camunda:in source="x"</c>) rather than holding an
/// expression (<c>sourceExpression</c>, <c>inputParameter</c>, <c>zeebe:input</c>): a name such as <c>a-b</c>
/// would otherwise read as a subtraction.
/// </param>
public sealed record IoMapping(string? Source, string Target, SourcePosition Position, bool SourceIsVariable = false);
