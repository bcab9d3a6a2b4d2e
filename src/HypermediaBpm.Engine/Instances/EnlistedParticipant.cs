namespace HypermediaBpm.Engine.Instances;

/// <summary>
/// A try-confirm/cancel participant enlisted in a <c>transaction</c> subprocess: its participant link (where to
/// confirm or cancel, and until when) and the activity whose answer carried it.
/// </summary>
public sealed record EnlistedParticipant(string Uri, DateTimeOffset Expires, string ActivityId);
