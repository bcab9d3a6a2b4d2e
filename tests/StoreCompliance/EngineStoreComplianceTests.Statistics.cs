using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task Issue16_QueryInstanceCountsAsync_CountsEachProcessByState()
    {
        // Arrange
        var invoice = await DeployAsync("invoice");
        var order = await DeployAsync("order");
        await StartAsync(invoice);
        await StartAsync(invoice);
        var failing = await StartAsync(invoice);
        await MoveAsync(failing, "failed");
        await StartAsync(order, "suspended");

        // Act
        var counts = await Store.QueryInstanceCountsAsync(Ct);

        // Assert
        Assert.Equal(
            [new InstanceCount("invoice", "failed", 1), new InstanceCount("invoice", "running", 2), new InstanceCount("order", "suspended", 1)],
            counts.Where(c => c.Count > 0).OrderBy(c => c.ProcessKey, StringComparer.Ordinal).ThenBy(c => c.State, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Issue16_QueryActivityStatisticsAsync_CountsWaitingIncidentsAndTimeSpentPerElement()
    {
        // Arrange: two instances wait at "review" (one failed there), one finished "review" in 3 s, "check" was passed.
        var invoice = await DeployAsync("invoice");
        var other = await DeployAsync("other");
        var waiting = await StartAsync(invoice);
        var failed = await StartAsync(invoice, "failed");
        var done = await StartAsync(invoice, "completed");
        var elsewhere = await StartAsync(other);
        var t0 = Samples.Now;
        await Store.CommitAsync(StoreSamples.Changes(history:
        [
            At(Samples.History(waiting, HistoryTypes.ActivityStarted, "review"), t0),
            At(Samples.History(failed, HistoryTypes.ActivityStarted, "review"), t0),
            At(Samples.History(failed, HistoryTypes.IncidentCreated, "review"), t0),
            At(Samples.History(done, HistoryTypes.ActivityPassed, "check"), t0),
            At(Samples.History(done, HistoryTypes.ActivityStarted, "review"), t0),
            At(Samples.History(done, HistoryTypes.ActivityCompleted, "review"), t0.AddSeconds(3)),
            At(Samples.History(elsewhere, HistoryTypes.ActivityStarted, "review"), t0),
        ]), Ct);

        // Act
        var statistics = (await Store.QueryActivityStatisticsAsync(new ActivityStatisticsQuery("invoice"), Ct)).ToDictionary(s => s.ActivityId);

        // Assert
        Assert.Equal(["check", "review"], statistics.Keys.Order(StringComparer.Ordinal));
        var review = statistics["review"];
        Assert.Equal((2L, 1L, 1L, TimeSpan.FromSeconds(3)), (review.Waiting, review.Incidents, review.Completed, review.TimeSpent));
        Assert.Equal(TimeSpan.FromSeconds(3), review.AverageTime);
        Assert.Equal((0L, 0L, 1L, TimeSpan.Zero), (statistics["check"].Waiting, statistics["check"].Incidents, statistics["check"].Completed, statistics["check"].TimeSpent));
    }

    [Fact]
    public async Task Issue16_QueryActivityStatisticsAsync_IncidentRetriedAndInstanceEnded_NoLongerCounted()
    {
        // Arrange
        var invoice = await DeployAsync("invoice");
        var retried = await StartAsync(invoice, "failed");
        var ended = await StartAsync(invoice, "terminated");
        await Store.CommitAsync(StoreSamples.Changes(history:
        [
            Samples.History(retried, HistoryTypes.ActivityStarted, "charge"),
            Samples.History(retried, HistoryTypes.IncidentCreated, "charge"),
            Samples.History(retried, HistoryTypes.IncidentRetried, "charge"),
            Samples.History(ended, HistoryTypes.ActivityStarted, "charge"),
            Samples.History(ended, HistoryTypes.IncidentCreated, "charge"),
        ]), Ct);

        // Act
        var charge = Assert.Single(await Store.QueryActivityStatisticsAsync(new ActivityStatisticsQuery("invoice"), Ct));

        // Assert
        Assert.Equal(("charge", 1L, 0L), (charge.ActivityId, charge.Waiting, charge.Incidents));
    }

    private static HistoryEvent At(HistoryEvent e, DateTimeOffset time) => e with { Timestamp = time };
}
