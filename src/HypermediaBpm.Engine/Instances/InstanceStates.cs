namespace HypermediaBpm.Engine.Instances;

/// <summary>Instance states as the contract names them.</summary>
public static class InstanceStates
{
    public const string Running = "running";
    public const string Suspended = "suspended";
    public const string Completed = "completed";
    public const string Terminated = "terminated";

    /// <summary>Running, but an incident holds a token until someone retries or resolves it.</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Running, Suspended, Completed, Terminated, Failed];

    public static bool IsEnded(string state) => state is Completed or Terminated;
}
