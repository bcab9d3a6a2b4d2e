using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using HypermediaBpm.Storage.Postgres.Tests.Support;

namespace HypermediaBpm.Storage.Postgres.Tests.MultiNode;

/// <summary>
/// PostgreSQL stopped for 10 s under light load (on a cluster of this test's own, since the server goes away): requests
/// answer <c>503 DB_CONNECTION_ERROR</c>, <c>/health</c> says so, and once the database is back the node serves again
/// without a restart and every acknowledged start is there.
/// </summary>
public sealed class Issue17_OutageTests : IAsyncLifetime
{
    private readonly PostgresCluster _cluster = new(alwaysPrivate: true);
    private Database _database = null!;
    private ServerNode _node = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await _cluster.CreateDatabaseAsync("outage");
        _database = new Database(connectionString);
        _node = await ServerNode.StartAsync("node-a", connectionString);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
        _cluster.Dispose();
    }

    [Fact]
    public async Task Issue17_DatabaseStoppedTenSeconds_503ProblemsAndHealth_ThenServesAgainWithoutRestart_NothingAcknowledgedLost()
    {
        // Arrange: light load, four clients starting instances.
        await NodeApi.DeployAsync(_node, NodeApi.Model("chores", NodeApi.UserTask));
        var acknowledged = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        async Task ClientAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await _node.Client.PostAsync("/processes/chores/instances", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
                var body = await response.Content.ReadAsStringAsync();
                var key = response.StatusCode == HttpStatusCode.Created
                    ? "201"
                    : $"{(int)response.StatusCode} {(body.StartsWith('{') ? JsonDocument.Parse(body).RootElement.GetProperty("code").GetString() : body)}";
                statuses.AddOrUpdate(key, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add(response.Headers.Location!.OriginalString.Split('/')[^1]);
                }

                await Task.Delay(50);
            }
        }

        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(ClientAsync)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Act: the database goes away for 10 s.
        _cluster.Control("stop");
        await Task.Delay(TimeSpan.FromSeconds(2));
        // Anonymously, as a load balancer asks (a signed-in request is answered 503 before it reaches /health: signing in needs the database).
        using var anonymous = new HttpClient { BaseAddress = _node.Client.BaseAddress };
        var health = await anonymous.GetAsync("/health");
        var healthBody = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        await Task.Delay(TimeSpan.FromSeconds(8));
        _cluster.Control("start");
        var healthyAgain = await WaitHealthyAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // Assert: 503 problems while it was gone, never a 500; every answer at all is a start or a 503 problem.
        Assert.Contains("503 DB_CONNECTION_ERROR", statuses.Keys);
        Assert.All(statuses, s => Assert.True(s.Key is "201" or "503 DB_CONNECTION_ERROR", $"{s.Value} answer(s) '{s.Key}' during the outage"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", healthBody.GetProperty("status").GetString());
        Assert.Equal("unreachable", healthBody.GetProperty("services").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("DB_CONNECTION_ERROR", healthBody.GetProperty("code").GetString());
        Assert.Equal("node-a", healthBody.GetProperty("node").GetProperty("id").GetString());

        // Assert: back by itself, serving, and nothing acknowledged is missing.
        Assert.True(healthyAgain, "the node did not become healthy again after the database returned");
        Assert.False(_node.HasExited);
        Assert.Equal(HttpStatusCode.Created, (await _node.Client.PostAsync("/processes/chores/instances", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(acknowledged.Count, await _database.CountAsync("SELECT COUNT(*) FROM instances WHERE id = ANY($1)", (object)acknowledged.ToArray()));
    }

    private async Task<bool> WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await _node.Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
