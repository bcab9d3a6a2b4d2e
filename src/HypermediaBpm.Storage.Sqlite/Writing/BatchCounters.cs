namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// Counter increments gathered while a batch is applied and written once, just before COMMIT. An operation's
/// increments are pending until its savepoint is released; a rolled-back operation's are dropped with it.
/// </summary>
internal sealed class BatchCounters
{
    private readonly Dictionary<(string ProcessKey, string State), long> _instances = [];
    private readonly List<(string ProcessKey, string State)> _pendingInstances = [];
    private long _pendingHistory;

    /// <summary>Accepted history rows added (or, negative, removed) in this batch.</summary>
    public long History { get; private set; }

    /// <summary>Accepted instance inserts of this batch per (process, state).</summary>
    public IReadOnlyDictionary<(string ProcessKey, string State), long> Instances => _instances;

    public void InstanceInserted(string processKey, string state) => _pendingInstances.Add((processKey, state));

    public void HistoryChanged(long rows) => _pendingHistory += rows;

    /// <summary>The current operation's changes stay in the batch.</summary>
    public void Accept()
    {
        foreach (var key in _pendingInstances)
        {
            _instances[key] = _instances.GetValueOrDefault(key) + 1;
        }

        History += _pendingHistory;
        Discard();
    }

    /// <summary>The current operation was rolled back.</summary>
    public void Discard()
    {
        _pendingInstances.Clear();
        _pendingHistory = 0;
    }

    public void Clear()
    {
        Discard();
        _instances.Clear();
        History = 0;
    }
}
