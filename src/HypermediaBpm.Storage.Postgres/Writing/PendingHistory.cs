using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// History events and counter changes gathered while a batch is applied and written once, just before COMMIT. An
/// operation's share stays pending until its savepoint is released; a rolled-back operation's is dropped with it.
/// Events are written at the end so that the history sequence row is locked only for the last moment of the batch:
/// sequences are handed out in commit order across nodes, and a feed never sees a number before the ones below it.
/// </summary>
internal sealed class PendingHistory
{
    private readonly List<HistoryEvent> _events = [];
    private readonly Dictionary<(string ProcessKey, string State), long> _instances = [];
    private readonly List<(string ProcessKey, string State)> _pendingInstances = [];
    private int _accepted;
    private long _pendingRemoved;

    /// <summary>Accepted events of this batch, in order.</summary>
    public IReadOnlyList<HistoryEvent> Events => _events.GetRange(0, _accepted);

    /// <summary>Accepted history rows removed in this batch (a deleted process).</summary>
    public long Removed { get; private set; }

    /// <summary>Accepted instance inserts of this batch per (process, state).</summary>
    public IReadOnlyDictionary<(string ProcessKey, string State), long> Instances => _instances;

    public bool IsEmpty => _accepted == 0 && Removed == 0 && _instances.Count == 0;

    public void Append(IEnumerable<HistoryEvent> events) => _events.AddRange(events);

    public void InstanceInserted(string processKey, string state) => _pendingInstances.Add((processKey, state));

    public void HistoryRemoved(long rows) => _pendingRemoved += rows;

    /// <summary>The current operation's changes stay in the batch.</summary>
    public void Accept()
    {
        foreach (var key in _pendingInstances)
        {
            _instances[key] = _instances.GetValueOrDefault(key) + 1;
        }

        _pendingInstances.Clear();
        _accepted = _events.Count;
        Removed += _pendingRemoved;
        _pendingRemoved = 0;
    }

    /// <summary>The current operation was rolled back.</summary>
    public void Discard()
    {
        _pendingInstances.Clear();
        _events.RemoveRange(_accepted, _events.Count - _accepted);
        _pendingRemoved = 0;
    }

    public void Clear()
    {
        _events.Clear();
        _instances.Clear();
        _pendingInstances.Clear();
        _accepted = 0;
        Removed = 0;
        _pendingRemoved = 0;
    }
}
