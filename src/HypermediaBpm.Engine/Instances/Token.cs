namespace HypermediaBpm.Engine.Instances;

/// <summary>
/// A token: one activity instance in progress. Its id is unique within the instance and is the activity
/// instance id that tasks, incidents and history refer to.
/// </summary>
public sealed class Token
{
    public required string Id { get; init; }

    public required string ActivityId { get; set; }

    public TokenState State { get; set; }

    /// <summary>The sequence flow it arrived by (joins count these).</summary>
    public string? ViaFlowId { get; set; }

    /// <summary>The token of the enclosing subprocess, or null at process level.</summary>
    public string? ScopeId { get; init; }

    public DateTimeOffset Since { get; set; }

    /// <summary>The id of what the token waits on from outside (its user task), if anything.</summary>
    public string? WorkItemId { get; set; }

    /// <summary>
    /// The instance a call activity token waits for (the called process instance); null otherwise. Set once the
    /// called instance exists and cleared when it returns.
    /// </summary>
    public string? CalledInstanceId { get; set; }

    /// <summary>
    /// Variables local to this token's scope (a subprocess, a multi-instance body or one of its instances):
    /// null for the plain tokens of a flat process, so they cost nothing. Cleared when the token moves on.
    /// </summary>
    public Dictionary<string, object?>? Variables { get; set; }

    /// <summary>
    /// Set on one instance of a loop or multi-instance activity (its <c>loopCounter</c>); null otherwise. Such a
    /// token belongs to the activity's body token (its scope) and, when it is done, returns there instead of
    /// leaving by the outgoing flows.
    /// </summary>
    public int? LoopCounter { get; set; }

    /// <summary>
    /// On the token of a <c>transaction</c> subprocess: the try-confirm/cancel participants enlisted inside it so far
    /// (HTTP tasks whose answers carried a <c>participantLink</c>); null when there are none.
    /// </summary>
    public List<EnlistedParticipant>? Participants { get; set; }
}
