namespace HypermediaBpm.Server.Resources;

/// <summary>A typed link from a resource. <see cref="Rel"/> is an IANA name or a <c>bpm:</c> CURIE.</summary>
public sealed record Link(
    string Rel,
    string Href,
    string? Title = null,
    string? Type = null,
    bool Templated = false,
    string? Name = null);
