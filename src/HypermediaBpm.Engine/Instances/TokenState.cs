namespace HypermediaBpm.Engine.Instances;

/// <summary>Where a token is in the BPMN activity lifecycle.</summary>
public enum TokenState
{
    /// <summary>Arrived at a node and about to be executed (only inside a command).</summary>
    Ready,

    /// <summary>Waiting at a wait state (user task, receive, timer…) for something from outside.</summary>
    Waiting,

    /// <summary>Arrived at a joining gateway, waiting for the tokens it synchronises with.</summary>
    Joining,

    /// <summary>Held by an incident until it is retried.</summary>
    Failed,
}
