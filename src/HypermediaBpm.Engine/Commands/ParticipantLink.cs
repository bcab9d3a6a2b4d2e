namespace HypermediaBpm.Engine.Commands;

/// <summary>A try-confirm/cancel participant link: where to confirm (<c>PUT</c>) or cancel (<c>DELETE</c>), and until when.</summary>
public sealed record ParticipantLink(Uri Uri, DateTimeOffset Expires);
