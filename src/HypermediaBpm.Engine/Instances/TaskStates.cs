namespace HypermediaBpm.Engine.Instances;

/// <summary>User task states as the contract names them.</summary>
public static class TaskStates
{
    public const string Open = "open";
    public const string Claimed = "claimed";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Open, Claimed, Completed, Cancelled];

    public static bool IsActive(string state) => state is Open or Claimed;
}
