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
}
