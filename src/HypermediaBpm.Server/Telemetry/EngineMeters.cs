using System.Diagnostics.Metrics;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Telemetry;

namespace HypermediaBpm.Server.Telemetry;

/// <summary>
/// This server's meter for the engine and the store (from the host's <see cref="IMeterFactory"/>, so that two servers
/// in one process do not share instruments), the store's instruments, and the open-incidents gauge.
/// </summary>
public sealed class EngineMeters
{
    private readonly ILogger<EngineMeters> _logger;
    private IEngineStore? _store;

    public EngineMeters(IMeterFactory factory, ILogger<EngineMeters> logger)
    {
        _logger = logger;
        Meter = factory.Create(EngineTelemetry.MeterName);
        Store = new StoreMetrics(Meter);
        Meter.CreateObservableGauge("bpm.incidents.open", ObserveOpenIncidents, "{instance}",
            "Instances held by at least one open incident (the incident list's total), read from the store at each collection.");
    }

    public Meter Meter { get; }

    public StoreMetrics Store { get; }

    /// <summary>The store the gauge reads; set once the store exists (it is built with <see cref="Store"/>).</summary>
    public void Observe(IEngineStore store) => _store = store;

    private IEnumerable<Measurement<long>> ObserveOpenIncidents()
    {
        if (_store is not { } store)
        {
            return [];
        }

        try
        {
            // A count from the store rather than a tally of commits: true across restarts and server processes. The
            // callback is synchronous; the query is one indexed count, at most once per scrape or export.
            var failed = store.QueryInstancesAsync(new InstanceQuery(new PageRequest(1), InstanceStates.Failed), CancellationToken.None).GetAwaiter().GetResult();
            return [new Measurement<long>(failed.Total)];
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Could not count open incidents for the metrics");
            return [];
        }
    }
}
