using System.Diagnostics.Metrics;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>Listens to <c>bpm.history.cleanup.removed</c> of this server's meter only.</summary>
internal sealed class CleanupRemovedRows : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _byTable = [];

    public CleanupRemovedRows(ServerFactory server)
    {
        var meter = server.Services.GetRequiredService<Server.Telemetry.EngineMeters>().Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "bpm.history.cleanup.removed")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "table" && tag.Value is string table)
                {
                    lock (_byTable)
                    {
                        _byTable[table] = _byTable.GetValueOrDefault(table) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    public long Instances => Of("instances");

    public long Of(string table)
    {
        lock (_byTable)
        {
            return _byTable.GetValueOrDefault(table);
        }
    }

    public void Dispose() => _listener.Dispose();
}
