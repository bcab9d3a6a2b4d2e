using System.Collections.Concurrent;
using System.Net;
using HypermediaBpm.Storage.Postgres.Tests.Support;

namespace HypermediaBpm.Storage.Postgres.Tests.MultiNode;

/// <summary>
/// <c>kill -9</c> of one of two nodes while 32 clients start and complete instances through both: whatever a node
/// acknowledged is in the database, the other node answers every request throughout, and the jobs and timers the dead
/// node held are taken over once their lease runs out.
/// </summary>
public sealed class Issue17_KillTests : IAsyncLifetime
{
    private const int Clients = 32;
    private const int Timers = 300;
    private const string LeasedByA = "SELECT COUNT(*) FROM subscriptions WHERE lease_owner LIKE 'node-a/%'";
    private static readonly Dictionary<string, string> ShortLeases = new() { ["Timers__LeaseDuration"] = "00:00:05" };

    private Database _database = null!;
    private ServerNode _a = null!;
    private ServerNode _b = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await MigratedTemplate.CreateDatabaseAsync("kill");
        _database = new Database(connectionString);
        var nodes = await Task.WhenAll(ServerNode.StartAsync("node-a", connectionString, ShortLeases), ServerNode.StartAsync("node-b", connectionString, ShortLeases));
        (_a, _b) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database.ConnectionString);
    }

    [Fact]
    public async Task Issue17_KillMinus9UnderLoad_AcknowledgedWorkKept_OtherNodeServes_LeasesTakenOver()
    {
        // Arrange
        await NodeApi.DeployAsync(_b, NodeApi.Model("chores", NodeApi.UserTask));
        await NodeApi.DeployAsync(_b, NodeApi.Model("ship", NodeApi.ServiceTask("ship")));
        await NodeApi.DeployAsync(_b, NodeApi.Model("late", NodeApi.Timer("PT4S")));
        for (var i = 0; i < 20; i++)
        {
            await NodeApi.StartAsync(_b, "ship");
        }

        var started = new ConcurrentBag<string>();
        var completed = new ConcurrentBag<string>();
        var failuresOnB = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        // Whatever the killed node does not answer is not acknowledged; the other node must answer everything.
        async Task<T?> CallAsync<T>(ServerNode node, Func<Task<T>> call)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Xunit.Sdk.XunitException)
            {
                if (node == _b)
                {
                    failuresOnB.Add(error.Message);
                }

                return default;
            }
        }

        async Task ClientAsync(int client)
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var (first, second) = (round + client) % 2 == 0 ? (_a, _b) : (_b, _a);
                if (await CallAsync(first, () => NodeApi.StartAsync(first, "chores")) is not { } instance)
                {
                    continue;
                }

                started.Add(instance);
                var task = (await _database.GroupsAsync("SELECT id, 0::bigint FROM tasks WHERE instance_id = $1", instance)).Single().Key;
                var status = await CallAsync(second, async () => (HttpStatusCode?)await NodeApi.CompleteTaskAsync(second, task));
                if (status == HttpStatusCode.OK)
                {
                    completed.Add(instance);
                }
                else if (second == _b)
                {
                    failuresOnB.Add($"complete on node B answered {status}");
                }
            }
        }

        // Act: 300 timers fall due over a few seconds (4 s after each start); load through both nodes; node A takes jobs and timers, then is killed.
        var load = Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(c))).ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, Timers), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await NodeApi.StartAsync(_b, "late"));
        var heldJobs = await NodeApi.LockJobsAsync(_a, "ship", "worker-on-a", 20, "PT20S");
        // Node A is frozen (SIGSTOP) at a moment it holds timer leases, so what it holds cannot change before the kill.
        var timersHeldByDeadNode = 0L;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (timersHeldByDeadNode == 0 && DateTime.UtcNow < deadline)
        {
            if (await _database.CountAsync(LeasedByA) == 0)
            {
                await Task.Delay(10);
                continue;
            }

            _a.Signal("STOP");
            await Task.Delay(300); // a COMMIT already on its way lands; nothing new can start
            timersHeldByDeadNode = await _database.CountAsync(LeasedByA);
            if (timersHeldByDeadNode == 0)
            {
                _a.Signal("CONT");
            }
        }

        _a.Kill();
        var stillLocked = (await _database.GroupsAsync("SELECT id, 0::bigint FROM jobs WHERE lock_owner = 'worker-on-a' AND lock_expires_at > $1",
            DateTimeOffset.UtcNow.AddSeconds(2).UtcTicks)).Select(j => j.Key).ToList();
        var lockedRightAfter = await NodeApi.LockJobsAsync(_b, "ship", "worker-on-b", 20);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // The dead node's job locks (20 s) and timer leases (5 s) run out; node B takes them.
        var takenOver = new List<string>(lockedRightAfter);
        var until = DateTime.UtcNow.AddSeconds(45);
        while (takenOver.Count < heldJobs.Count && DateTime.UtcNow < until)
        {
            takenOver.AddRange(await NodeApi.LockJobsAsync(_b, "ship", "worker-on-b", 20));
        }

        foreach (var job in takenOver)
        {
            Assert.Equal(HttpStatusCode.OK, await NodeApi.CompleteJobAsync(_b, job, "worker-on-b"));
        }

        var lateDone = await _database.WaitForCountAsync(Timers, TimeSpan.FromMinutes(1), "SELECT COUNT(*) FROM instances WHERE process_key = 'late' AND state = 'completed'");

        // Assert: every acknowledged operation is in the database.
        Assert.NotEmpty(started);
        Assert.Equal(started.Count, await _database.CountAsync("SELECT COUNT(*) FROM instances WHERE id = ANY($1)", (object)started.ToArray()));
        Assert.Equal(completed.Count, await _database.CountAsync("SELECT COUNT(*) FROM instances WHERE id = ANY($1) AND state = 'completed'", (object)completed.ToArray()));

        // Assert: the other node kept serving.
        Assert.True(failuresOnB.IsEmpty, string.Join(" | ", failuresOnB.Take(5)));

        // Assert: the dead node's work was taken over after its lease, and done once.
        Assert.Equal(20, heldJobs.Count);
        Assert.NotEmpty(stillLocked);
        Assert.Empty(lockedRightAfter.Intersect(stillLocked));
        Assert.Equal(heldJobs.Order(), takenOver.Order());
        Assert.Equal(20, await _database.CountAsync("SELECT COUNT(*) FROM instances WHERE process_key = 'ship' AND state = 'completed'"));
        Assert.True(timersHeldByDeadNode > 0, "node A held no timer lease when it was killed");
        Assert.Equal(Timers, lateDone);
        Assert.Equal(Timers, await _database.CountAsync("SELECT COUNT(*) FROM history WHERE process_key = 'late' AND type = 'activity-completed' AND activity_id = 'work'"));
        Assert.True(await _database.CountAsync("SELECT COUNT(*) FROM history WHERE process_key = 'late' AND type = 'activity-completed' AND node_id = 'node-b'") >= timersHeldByDeadNode);
    }
}
