namespace HypermediaBpm.Engine.Persistence;

/// <summary>Jobs oldest first (by id), of one topic or of all; whatever their state.</summary>
public sealed record JobQuery(PageRequest Page, string? Topic = null);
