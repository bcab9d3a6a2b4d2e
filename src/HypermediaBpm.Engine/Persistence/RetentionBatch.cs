namespace HypermediaBpm.Engine.Persistence;

/// <summary>What one retention batch removed, in rows per table (rows removed by the store's own triggers are not counted).</summary>
public sealed record RetentionBatch(int Instances, int Tasks, int HistoryEvents, int Subscriptions, int Jobs)
{
    public static RetentionBatch None { get; } = new(0, 0, 0, 0, 0);

    public int Rows => Instances + Tasks + HistoryEvents + Subscriptions + Jobs;

    public RetentionBatch Add(RetentionBatch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Instances + other.Instances, Tasks + other.Tasks, HistoryEvents + other.HistoryEvents,
            Subscriptions + other.Subscriptions, Jobs + other.Jobs);
    }
}
