namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>A BPMN error as it travels from a called instance to its call activity: its code and message.</summary>
public sealed record ThrownError(string? Code, string? Message);
