namespace HypermediaBpm.Bpmn.Model;

/// <summary>An input or output mapping: <c>camunda:inputParameter</c>, <c>zeebe:input</c>, <c>camunda:in</c>/<c>out</c>.</summary>
/// <param name="Source">An expression (or, for <c>camunda:in source=</c>, a variable name).</param>
/// <param name="Target">The variable to set.</param>
public sealed record IoMapping(string? Source, string Target, SourcePosition Position);
