using System.Collections.Concurrent;
using System.Net;
using HypermediaBpm.Storage.Postgres.Tests.Support;

namespace HypermediaBpm.Storage.Postgres.Tests.MultiNode;

/// <summary>
/// Two real server processes (<c>dotnet HypermediaBpm.Server.dll</c>) on one PostgreSQL database: timers fire once with
/// both nodes firing, jobs are completed once by workers on both nodes, a task completed through both at once has one
/// winner, and an instance started on one node is continued on the other.
/// </summary>
public sealed class Issue17_TwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private const int Count = 1_000;

    [Fact]
    public async Task Issue17_TwoNodesStartingAtOnce_MigrateTheEmptyDatabaseOnce()
    {
        Assert.Equal(PostgresEngineStore.SchemaVersion, await nodes.Database.CountAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(await nodes.Database.CountAsync("SELECT COUNT(DISTINCT version) FROM schema_version"), await nodes.Database.CountAsync("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(1, await nodes.Database.CountAsync("SELECT COUNT(*) FROM participants WHERE key = 'user:admin'"));
    }

    [Fact]
    public async Task Issue17_ThousandTimers_EachFiredOnce_ByBothNodes()
    {
        // Arrange: 1,000 instances waiting 2 s each, started through both nodes.
        await NodeApi.DeployAsync(nodes.A, NodeApi.Model("timed", NodeApi.Timer("PT2S")));
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await NodeApi.StartAsync(i % 2 == 0 ? nodes.A : nodes.B, "timed"));

        // Act: the nodes' schedulers fire them.
        var completed = await nodes.Database.WaitForCountAsync(Count, TimeSpan.FromMinutes(2),
            "SELECT COUNT(*) FROM instances WHERE process_key = 'timed' AND state = 'completed'");

        // Assert: every timer fired exactly once, and both nodes fired some.
        Assert.Equal(Count, completed);
        Assert.Equal(0, await nodes.Database.CountAsync("""
            SELECT COUNT(*) FROM (SELECT instance_id FROM history WHERE process_key = 'timed' AND type = 'activity-completed' AND activity_id = 'work'
                                  GROUP BY instance_id HAVING COUNT(*) <> 1) x
            """));
        Assert.Equal(Count, await nodes.Database.CountAsync("SELECT COUNT(*) FROM history WHERE process_key = 'timed' AND type = 'activity-completed' AND activity_id = 'work'"));
        var firedBy = await nodes.Database.GroupsAsync(
            "SELECT node_id, COUNT(*) FROM history WHERE process_key = 'timed' AND type = 'activity-completed' AND activity_id = 'work' GROUP BY node_id");
        Assert.Equal(["node-a", "node-b"], firedBy.Select(g => g.Key).Order());
        Assert.All(firedBy, g => Assert.True(g.Count > 0));
        Assert.Equal(0, await nodes.Database.CountAsync("SELECT COUNT(*) FROM subscriptions WHERE process_key = 'timed'"));
    }

    [Fact]
    public async Task Issue17_ThousandJobs_EachCompletedOnce_ByWorkersOnBothNodes()
    {
        // Arrange
        await NodeApi.DeployAsync(nodes.B, NodeApi.Model("shipping", NodeApi.ServiceTask("ship")));
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await NodeApi.StartAsync(i % 2 == 0 ? nodes.A : nodes.B, "shipping"));
        var completedBy = new ConcurrentDictionary<string, int>();
        var refused = 0;

        // Act: two workers per node lock and complete until no job is left.
        async Task WorkAsync(ServerNode node, string workerId)
        {
            while (true)
            {
                var jobs = await NodeApi.LockJobsAsync(node, "ship", workerId, 10);
                if (jobs.Count == 0 && await nodes.Database.CountAsync("SELECT COUNT(*) FROM jobs WHERE topic = 'ship'") == 0)
                {
                    return;
                }

                foreach (var job in jobs)
                {
                    if (await NodeApi.CompleteJobAsync(node, job, workerId) == HttpStatusCode.OK)
                    {
                        completedBy.AddOrUpdate(node.Id, 1, (_, n) => n + 1);
                    }
                    else
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
            }
        }

        await Task.WhenAll(WorkAsync(nodes.A, "a-1"), WorkAsync(nodes.A, "a-2"), WorkAsync(nodes.B, "b-1"), WorkAsync(nodes.B, "b-2"));

        // Assert
        Assert.Equal(0, refused);
        Assert.Equal(Count, completedBy.Values.Sum());
        Assert.True(completedBy.GetValueOrDefault("node-a") > 0 && completedBy.GetValueOrDefault("node-b") > 0, string.Join(", ", completedBy));
        Assert.Equal(Count, await nodes.Database.CountAsync("SELECT COUNT(*) FROM instances WHERE process_key = 'shipping' AND state = 'completed'"));
        Assert.Equal(0, await nodes.Database.CountAsync("""
            SELECT COUNT(*) FROM (SELECT instance_id FROM history WHERE process_key = 'shipping' AND type = 'job-completed'
                                  GROUP BY instance_id HAVING COUNT(*) <> 1) x
            """));
    }

    [Fact]
    public async Task Issue17_SameTaskCompletedThroughBothNodesAtOnce_ExactlyOneWins_AndTheInstanceGoesOnOnce()
    {
        // Arrange: instances started on node A.
        await NodeApi.DeployAsync(nodes.A, NodeApi.Model("review", NodeApi.UserTask));
        var instances = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            instances.Add(await NodeApi.StartAsync(nodes.A, "review"));
        }

        foreach (var instance in instances)
        {
            var task = (await nodes.Database.GroupsAsync("SELECT id, 0::bigint FROM tasks WHERE instance_id = $1", instance)).Single().Key;

            // Act: both nodes are asked at the same moment.
            var statuses = await Task.WhenAll(NodeApi.CompleteTaskAsync(nodes.A, task), NodeApi.CompleteTaskAsync(nodes.B, task));

            // Assert
            Assert.Single(statuses, s => s == HttpStatusCode.OK);
            Assert.Single(statuses, s => s == HttpStatusCode.Conflict);
            Assert.Equal(1, await nodes.Database.CountAsync("SELECT COUNT(*) FROM history WHERE instance_id = $1 AND type = 'task-completed'", instance));
            Assert.Equal(1, await nodes.Database.CountAsync("SELECT COUNT(*) FROM instances WHERE id = $1 AND state = 'completed'", instance));
        }
    }

    [Fact]
    public async Task Issue17_InstanceStartedOnNodeA_IsContinuedOnNodeB()
    {
        await NodeApi.DeployAsync(nodes.A, NodeApi.Model("handover", NodeApi.UserTask));
        var instance = await NodeApi.StartAsync(nodes.A, "handover");
        var task = (await nodes.Database.GroupsAsync("SELECT id, 0::bigint FROM tasks WHERE instance_id = $1", instance)).Single().Key;

        var status = await NodeApi.CompleteTaskAsync(nodes.B, task);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await nodes.B.Client.GetAsync($"/instances/{instance}")).StatusCode);
        Assert.Equal(1, await nodes.Database.CountAsync("SELECT COUNT(*) FROM instances WHERE id = $1 AND state = 'completed'", instance));
        Assert.Equal(["node-a", "node-b"], (await nodes.Database.GroupsAsync(
            "SELECT node_id, COUNT(*) FROM history WHERE instance_id = $1 GROUP BY node_id", instance)).Select(g => g.Key).Order());
    }
}
