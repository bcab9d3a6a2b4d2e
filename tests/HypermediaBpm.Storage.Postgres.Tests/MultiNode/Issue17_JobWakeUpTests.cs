using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HypermediaBpm.Storage.Postgres.Tests.Support;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Tests.MultiNode;

/// <summary>
/// A worker long-polling on node B is woken by a job created through node A: PostgreSQL's NOTIFY (a trigger on
/// <c>jobs</c>) reaches B's LISTEN connection. Both nodes poll the store only every 30 s here, so nothing but the
/// notification can find the job early; with the trigger disabled, the same request finds the job only at its timeout.
/// </summary>
public sealed class Issue17_JobWakeUpTests : IAsyncLifetime
{
    private const int TimeoutMs = 6_000;

    private static readonly Dictionary<string, string> SlowPolling = new()
    {
        ["Jobs:MinPollInterval"] = "00:00:30",
        ["Jobs:MaxPollInterval"] = "00:00:30",
    };

    private ServerNode _a = null!;
    private ServerNode _b = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("wakeup");
        var nodes = await Task.WhenAll(
            ServerNode.StartAsync("node-a", _connectionString, SlowPolling), ServerNode.StartAsync("node-b", _connectionString, SlowPolling));
        (_a, _b) = (nodes[0], nodes[1]);
        await NodeApi.DeployAsync(_a, NodeApi.Model("wake", NodeApi.ServiceTask("wake")));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    /// <summary>
    /// Long-polls on B; half a second in, starts an instance on A (its service task makes the job). The jobs B got, how
    /// long B's request took in all, and how long after A had committed the job.
    /// </summary>
    private async Task<(List<string> Jobs, TimeSpan Waited, TimeSpan AfterJob)> LockOnBWhileAStartsAsync(string worker)
    {
        var clock = Stopwatch.StartNew();
        var lockOnB = _b.Client.PostAsJsonAsync("/jobs?topic=wake", new { workerId = worker, maxJobs = 1, lockDuration = "PT1M", asyncResponseTimeout = TimeoutMs });
        await Task.Delay(500);
        await NodeApi.StartAsync(_a, "wake");
        var committed = clock.Elapsed;
        using var response = await lockOnB;
        var waited = clock.Elapsed;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"lock on node-b: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        var jobs = document.RootElement.TryGetProperty("_embedded", out var embedded) && embedded.TryGetProperty("item", out var items)
            ? (items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToList() : [items]).Select(i => i.GetProperty("id").GetString()!).ToList()
            : [];
        return (jobs, waited, waited - committed);
    }

    private async Task SetNotifyTriggerAsync(bool enabled)
    {
        await using var source = NpgsqlDataSource.Create(_connectionString);
        await using var command = source.CreateCommand($"ALTER TABLE jobs {(enabled ? "ENABLE" : "DISABLE")} TRIGGER tr_jobs_notify;");
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Issue17_JobCreatedOnNodeA_WakesAWorkerLongPollingOnNodeB_AtOnce_AndOnlyTheNotificationDoes()
    {
        // Arrange: one unmeasured round, so that neither node's first request (warming up on a busy machine) is timed.
        Assert.Single((await LockOnBWhileAStartsAsync("worker-warm-up")).Jobs);

        // Act: with the notification, then (the control) without it.
        var notified = await LockOnBWhileAStartsAsync("worker-b1");
        await SetNotifyTriggerAsync(false);
        (List<string> Jobs, TimeSpan Waited, TimeSpan AfterJob) silent;
        try
        {
            silent = await LockOnBWhileAStartsAsync("worker-b2");
        }
        finally
        {
            await SetNotifyTriggerAsync(true);
        }

        // Assert: woken promptly once A committed the job, well before the 6 s timeout ...
        Assert.Single(notified.Jobs);
        Assert.True(notified.AfterJob < TimeSpan.FromSeconds(1.5) && notified.Waited < TimeSpan.FromMilliseconds(TimeoutMs - 1_500),
            $"woken {notified.AfterJob.TotalMilliseconds:F0} ms after the job, {notified.Waited.TotalMilliseconds:F0} ms in all");

        // ... while without NOTIFY the job was there all along but found only by the last look at the timeout.
        Assert.Single(silent.Jobs);
        Assert.True(silent.Waited >= TimeSpan.FromMilliseconds(TimeoutMs - 200) && silent.AfterJob > TimeSpan.FromSeconds(2),
            $"found {silent.AfterJob.TotalMilliseconds:F0} ms after the job, {silent.Waited.TotalMilliseconds:F0} ms in all");
        Assert.NotEqual(notified.Jobs[0], silent.Jobs[0]);
    }
}
