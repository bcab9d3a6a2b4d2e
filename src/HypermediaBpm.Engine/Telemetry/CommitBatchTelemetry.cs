using System.Diagnostics;

namespace HypermediaBpm.Engine.Telemetry;

/// <summary>
/// What a store reports about one write transaction that carries several commands' change sets (group commit):
/// a span linked to each command's activity, the batch size, the commit latency and store errors. Any store can use
/// it: capture <see cref="Current"/> when a command hands its change set over, then <see cref="Start"/> a batch.
/// </summary>
public sealed class CommitBatchTelemetry
{
    private readonly StoreMetrics? _metrics;
    private readonly Activity? _activity;
    private readonly long _started;
    private readonly int _size;
    private bool _ended;

    private CommitBatchTelemetry(StoreMetrics? metrics, Activity? activity, int size)
    {
        _metrics = metrics;
        _activity = activity;
        _size = size;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>The calling command's activity, to be linked from the batch that writes its change set.</summary>
    public static ActivityContext Current => Activity.Current?.Context ?? default;

    /// <summary>Starts the batch's span (when someone listens), linked to every command it carries.</summary>
    public static CommitBatchTelemetry Start(StoreMetrics? metrics, string store, IEnumerable<ActivityContext> commands, int size)
    {
        Activity? activity = null;
        if (EngineTelemetry.Source.HasListeners())
        {
            var links = commands.Where(c => c != default).Select(c => new ActivityLink(c)).ToList();

            // The writer loop may have inherited some request's activity when it was started: never a parent of a batch.
            Activity.Current = null;

            // A root of its own: it belongs to several commands' traces at once, so it links to them rather than picking one parent.
            activity = EngineTelemetry.Source.StartActivity(
                EngineTelemetry.CommitBatchActivity, ActivityKind.Internal, parentContext: default, links: links);
            if (activity is not null)
            {
                activity.SetTag("db.system.name", store);
                activity.SetTag("bpm.batch.size", size);
            }
        }

        return new CommitBatchTelemetry(metrics, activity, size);
    }

    /// <summary>The transaction committed: <paramref name="written"/> of the carried operations were written.</summary>
    public void Committed(int written)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        _activity?.SetTag("bpm.batch.written", written);
        _metrics?.BatchCommitted(_size, Stopwatch.GetElapsedTime(_started));
        _activity?.Dispose();
    }

    /// <summary>The store failed (I/O, locking, a broken connection), not a command's own conflict: counted as a store error.</summary>
    public void Failed(Exception error)
    {
        _metrics?.StoreError(error);
        if (_ended)
        {
            return;
        }

        _ended = true;
        EngineTelemetry.Fail(_activity, error);
        _activity?.Dispose();
    }

    /// <summary>Ends the span when neither happened (nothing to write).</summary>
    public void End()
    {
        if (!_ended)
        {
            _ended = true;
            _activity?.Dispose();
        }
    }
}
