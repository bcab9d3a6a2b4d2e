using System.Diagnostics.Metrics;

namespace HypermediaBpm.Engine.Telemetry;

/// <summary>The store's instruments: write batches (size, commit latency) and store errors. Shared by every store.</summary>
public sealed class StoreMetrics
{
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _errors;

    public StoreMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _batchSize = meter.CreateHistogram<int>("bpm.store.batch.size", "{operation}", "Write operations (command change sets and others) one store transaction carried.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _commitDuration = meter.CreateHistogram<double>("bpm.store.commit.duration", "s", "From the start of a store write transaction to its durable commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _errors = meter.CreateCounter<long>("bpm.store.errors", "{error}", "Store failures (I/O, locking, lost connections); a command's own conflict is not one.");
    }

    public void BatchCommitted(int size, TimeSpan duration)
    {
        _batchSize.Record(size);
        _commitDuration.Record(duration.TotalSeconds);
    }

    public void StoreError(Exception error) =>
        _errors.Add(1, new KeyValuePair<string, object?>("error.type", error.GetType().FullName));
}
