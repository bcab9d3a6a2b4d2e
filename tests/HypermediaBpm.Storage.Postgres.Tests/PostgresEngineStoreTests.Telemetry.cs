using System.Diagnostics.Metrics;
using HypermediaBpm.Engine.Telemetry;
using HypermediaBpm.StoreCompliance;

namespace HypermediaBpm.Storage.Postgres.Tests;

public sealed partial class PostgresEngineStoreTests
{
    [Fact]
    public async Task Issue17_Writer_ConcurrentCommits_ReportsEveryOperationInItsBatchSizes()
    {
        // Arrange: a node whose store reports to a meter of its own, heard by a listener.
        using var meter = new Meter("issue17-store-" + Guid.NewGuid().ToString("N"));
        var sizes = new List<int>();
        var durations = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => { lock (sizes) { sizes.Add(value); } });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (durations) { durations.Add(value); } });
        listener.Start();
        var node = new PostgresEngineStore(new PostgresStoreOptions { ConnectionString = _connectionString!, Metrics = new StoreMetrics(meter) });
        await node.InitializeAsync(Ct);
        var definition = await DeployAsync("p");

        // Act: 20 change sets at once through the metered node.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StartAsync(definition, store: node)));
        var committed = node.WriterOperations;
        await node.DisposeAsync();

        // Assert: every committed operation is counted in exactly one batch, each batch with a commit latency.
        Assert.Equal(20, committed);
        lock (sizes)
        {
            Assert.Equal(committed, sizes.Sum());
            Assert.Equal(sizes.Count, durations.Count);
            Assert.All(durations, d => Assert.True(d >= 0));
        }
    }
}
