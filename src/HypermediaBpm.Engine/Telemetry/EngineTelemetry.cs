using System.Diagnostics;

namespace HypermediaBpm.Engine.Telemetry;

/// <summary>
/// The engine's tracing source and the names of its telemetry, defined once. A collector subscribes to
/// <see cref="SourceName"/> (one activity per command, one per store commit batch) and <see cref="MeterName"/>.
/// </summary>
public static class EngineTelemetry
{
    public const string SourceName = "HypermediaBpm.Engine";

    public const string MeterName = "HypermediaBpm.Engine";

    /// <summary>The activity of one engine command (from its run to its commit).</summary>
    public const string CommandActivity = "bpm.command";

    /// <summary>A command's write, from handing its change set to the store to the commit that made it durable.</summary>
    public const string StoreWriteActivity = "bpm.store.write";

    /// <summary>The activity of one store transaction, linked to every command whose change set it carried.</summary>
    public const string CommitBatchActivity = "bpm.store.commit_batch";

    public static ActivitySource Source { get; } = new(SourceName, typeof(EngineTelemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>
    /// Starts a command's activity, backdated to when the command began running (<paramref name="startedTimestamp"/>,
    /// a <see cref="Stopwatch"/> timestamp) so that it spans the run and the commit. Null when nobody listens.
    /// </summary>
    /// <remarks>
    /// Span times are on the tracer's wall clock, like every other activity's, never on the engine's clock: a test's
    /// manual clock must not put spans in 1970.
    /// </remarks>
    public static Activity? StartCommand(string name, long startedTimestamp)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var started = DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(startedTimestamp);
        var activity = Source.StartActivity(CommandActivity, ActivityKind.Internal, parentContext: default, startTime: started);
        if (activity is not null)
        {
            activity.DisplayName = CommandActivity + " " + name;
            activity.SetTag("bpm.command", name);
        }

        return activity;
    }

    /// <summary>
    /// The span of one write a command (or the scheduler) hands to the store, from handing it over to its durable
    /// commit: a child of the command, so the command's trace reaches the store. Null when nobody listens.
    /// </summary>
    public static Activity? StartStoreWrite(string store)
    {
        var activity = Source.HasListeners() ? Source.StartActivity(StoreWriteActivity, ActivityKind.Client) : null;
        activity?.SetTag("db.system.name", store);
        return activity;
    }

    /// <summary>Marks an activity failed by <paramref name="error"/> (OpenTelemetry's exception conventions).</summary>
    public static void Fail(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.AddException(error);
    }
}
