namespace HypermediaBpm.Engine.Persistence;

/// <summary>What a <see cref="SubscriptionRecord"/> waits for (also the stored <c>kind</c> column).</summary>
public static class SubscriptionKinds
{
    public const string Timer = "timer";
    public const string Message = "message";
    public const string Signal = "signal";
}
