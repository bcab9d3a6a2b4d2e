using System.Globalization;
using System.Net;
using System.Xml.Linq;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Retention;
using HypermediaBpm.Server.Tests.Feeds;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>
/// History retention on a manual clock, through the real server and its SQLite file: ended instances past their time to
/// live go with every row kept for them, the rest stay, counts and feeds stay true.
/// </summary>
public sealed class Issue19HistoryRetentionTests : IDisposable
{
    // A day to live for the reviewed process; the plain one follows the server default (a week, set below).
    private const string ReviewModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="i19-retention-review" name="Review" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <userTask id="review" name="Review" camunda:candidateGroups="sales" />
            <sequenceFlow id="f2" sourceRef="review" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private const string PlainModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="i19-retention-plain" name="Plain" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    // The tables that keep rows for an instance, and how a row names it.
    private static readonly (string Table, string Where)[] InstanceRows =
    [
        ("instances", "id IN ({0})"),
        ("tasks", "instance_id IN ({0})"),
        ("history", "instance_id IN ({0})"),
        ("subscriptions", "instance_id IN ({0})"),
        ("jobs", "instance_id IN ({0})"),
        ("instance_feed", "instance_id IN ({0})"),
        ("task_feed", "task_id IN (SELECT id FROM tasks WHERE instance_id IN ({0})) OR task_id IN ({1})"),
        ("task_feed_participants", "seq IN (SELECT seq FROM task_feed WHERE task_id IN ({1}))"),
        ("task_candidate_groups", "task_id IN ({1})"),
        ("feed_participants", "seq IN (SELECT seq FROM history WHERE instance_id IN ({0}))"),
    ];

    private readonly ManualClock _clock = new();
    private readonly ServerFactory _server;

    public Issue19HistoryRetentionTests()
    {
        _server = new ServerFactory(clock: _clock, settings: new Dictionary<string, string>
        {
            ["History:TimeToLive"] = "P7D",
            ["History:CleanupEnabled"] = "false", // the test runs the cleanup itself, on its clock
            ["History:CleanupBatchSize"] = "2",
            ["Feeds:ArchiveSize"] = "5",
        });
    }

    public void Dispose() => _server.Dispose();

    private HistoryCleanup Cleanup => _server.Services.GetRequiredService<HistoryCleanup>();

    [Fact]
    public async Task Issue19_Retention_EndedPastTheirTimeToLive_GoWithEveryRow_RunningAndYoungStay_CountsAndFeedsTrue()
    {
        // Arrange: three reviews completed, one waiting; one plain instance (ended at once).
        var hal = _server.Hal();
        var review = await hal.DeployAsync(ReviewModel);
        var plainProcess = await hal.DeployAsync(PlainModel);
        Assert.Equal("P1D", review.String("historyTimeToLive"));
        Assert.False(plainProcess.Root.TryGetProperty("historyTimeToLive", out _));
        var completed = new List<string>();
        var completedTasks = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (instance, task) = await CompleteReviewAsync(hal);
            completed.Add(instance);
            completedTasks.Add(task);
        }

        var waiting = (await hal.StartAsync("i19-retention-review", new { })).String("id");
        var plain = (await hal.StartAsync("i19-retention-plain", new { })).String("id");
        var before = CountRows(completed, completedTasks);
        var tablesBefore = CountTables();
        Assert.All(InstanceRows.Select(t => t.Table).Where(t => t is not ("subscriptions" or "jobs")), t => Assert.True(before[t] > 0, t));
        using var metric = new CleanupRemovedRows(_server);

        // Act: two days later (past the review's day, not the plain one's week), then eight.
        _clock.Advance(TimeSpan.FromDays(2));
        var first = await Cleanup.RunOnceAsync(CancellationToken.None);
        var afterFirst = CountRows(completed, completedTasks);
        var tablesAfterFirst = CountTables();
        var (metricInstances, metricHistory) = (metric.Instances, metric.Of("history"));
        var plainAfterTwoDays = await hal.Http.GetAsync($"/instances/{plain}");
        _clock.Advance(TimeSpan.FromDays(6));
        var second = await Cleanup.RunOnceAsync(CancellationToken.None);

        // Assert: every row of the three completed reviews is gone, and nothing else.
        Assert.NotNull(first);
        Assert.Equal(3, first.Instances);
        Assert.Equal(3, first.Tasks);
        Assert.Equal(before["history"], first.HistoryEvents);
        Assert.All(afterFirst, kv => Assert.True(kv.Value == 0, $"{kv.Key} still has {kv.Value} rows of removed instances"));
        foreach (var (table, _) in InstanceRows)
        {
            Assert.True(tablesBefore[table] - before[table] == tablesAfterFirst[table], $"{table}: {tablesBefore[table]} - {before[table]} != {tablesAfterFirst[table]}");
        }

        Assert.Equal(3, metricInstances);
        Assert.Equal(before["history"], metricHistory);
        foreach (var id in completed)
        {
            using var gone = await hal.Http.GetAsync($"/instances/{id}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, plainAfterTwoDays.StatusCode);
        Assert.Equal(1, second!.Instances);
        using (var plainGone = await hal.Http.GetAsync($"/instances/{plain}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, plainGone.StatusCode);
        }

        // The waiting review stays, and is all its process's lists and counts hold.
        var stillWaiting = await hal.GetAsync($"/instances/{waiting}");
        Assert.Equal("running", stillWaiting.String("state"));
        var listed = await hal.GetAsync("/instances?process=i19-retention-review");
        Assert.Equal(1, listed.Property("total").GetInt64());
        Assert.Equal([waiting], listed.Embedded("item").Select(i => i.String("id")));
        var operations = (await hal.GetAsync("/operations")).Embedded("item").Single(i => i.String("processKey") == "i19-retention-review");
        Assert.Equal((1, 0), (operations.Property("running").GetInt64(), operations.Property("completed").GetInt64()));
        var tasks = await hal.GetAsync("/tasks");
        Assert.Equal(1, tasks.Property("total").GetInt64());

        // Feeds: the process's member feed lists only the waiting instance; the event feed only its events; both valid Atom.
        var (memberResponse, memberXml) = await FeedClient.GetAtomAsync(hal.Http, "/processes/i19-retention-review/feed.atom");
        Assert.Equal(HttpStatusCode.OK, memberResponse.StatusCode);
        await AtomValidator.AssertValidAsync(memberXml, "retention-member-feed");
        var members = FeedClient.Entries(XDocument.Parse(memberXml)).Select(e => e.Element(FeedClient.Atom + "id")!.Value).ToList();
        Assert.Equal([$"instance/{waiting}"], members.Select(id => id[(id.IndexOf(',', StringComparison.Ordinal) + 6)..]));
        var (eventsResponse, eventsXml) = await FeedClient.GetAtomAsync(hal.Http, "/feeds/events.atom");
        Assert.Equal(HttpStatusCode.OK, eventsResponse.StatusCode);
        await AtomValidator.AssertValidAsync(eventsXml, "retention-event-feed");
        Assert.DoesNotContain(completed.Append(plain), id => eventsXml.Contains(id, StringComparison.Ordinal));
        Assert.Contains(waiting, eventsXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue19_Retention_ArchivesStopClaimingImmutability_AndAnEmptiedArchiveIsGone()
    {
        // Arrange: enough ended reviews to fill archives of five events.
        var hal = _server.Hal();
        await hal.DeployAsync(ReviewModel);
        for (var i = 0; i < 3; i++)
        {
            await CompleteReviewAsync(hal);
        }

        using var archive = await GetArchiveAsync(hal, 0);
        var body = await archive.Content.ReadAsStringAsync();

        // Act
        _clock.Advance(TimeSpan.FromDays(2));
        await Cleanup.RunOnceAsync(CancellationToken.None);
        using var emptied = await GetArchiveAsync(hal, 0);

        // Assert: before, a complete archive, but not immutable (retention is on); after, 410 with its code.
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        await AtomValidator.AssertValidAsync(body, "retention-archive");
        Assert.Contains("archive", body, StringComparison.Ordinal);
        Assert.NotNull(archive.Headers.CacheControl);
        Assert.True(archive.Headers.CacheControl!.NoCache, archive.Headers.CacheControl.ToString());
        Assert.DoesNotContain("immutable", archive.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, emptied.StatusCode);
        Assert.Contains("FEED_ARCHIVE_REMOVED", await emptied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue19_Retention_AnotherNodeHoldsTheLease_NothingIsRemovedUntilItRunsOut()
    {
        // Arrange: a finished review, expired; another node took the cleanup lease for an hour.
        var hal = _server.Hal();
        await hal.DeployAsync(ReviewModel);
        var (instance, _) = await CompleteReviewAsync(hal);
        _clock.Advance(TimeSpan.FromDays(2));
        var store = (IHistoryRetentionStore)_server.Services.GetRequiredService<IEngineStore>();
        Assert.True(await store.TryAcquireLeaseAsync(HistoryRetentionOptions.LeaseName, "node-2", _clock.GetUtcNow(), _clock.GetUtcNow().AddHours(1), CancellationToken.None));

        // Act
        var whileHeld = await Cleanup.RunOnceAsync(CancellationToken.None);
        using var stillThere = await hal.Http.GetAsync($"/instances/{instance}");
        _clock.Advance(TimeSpan.FromHours(1));
        var afterRunOut = await Cleanup.RunOnceAsync(CancellationToken.None);

        // Assert
        Assert.Null(whileHeld);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(1, afterRunOut!.Instances);
    }

    [Fact]
    public async Task Issue19_Deploy_InvalidHistoryTimeToLive_Is422AtTheProcess()
    {
        // Arrange
        var xml = ReviewModel.Replace("camunda:historyTimeToLive=\"P1D\"", "camunda:historyTimeToLive=\"soon\"", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/processes") { Content = new StringContent(xml, System.Text.Encoding.UTF8, "application/bpmn+xml") };

        // Act
        using var response = await _server.Hal().Http.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = problem.RootElement.GetProperty("context").GetProperty("errors")[0];
        Assert.Equal("INVALID_VALUE", error.GetProperty("code").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt32()); // the process element's line
        Assert.True(error.GetProperty("column").GetInt32() > 0);
        Assert.Contains("historyTimeToLive", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(string Instance, string Task)> CompleteReviewAsync(HalClient hal)
    {
        var instance = await hal.StartAsync("i19-retention-review", new { });
        var task = await hal.GetAsync((await hal.FollowAsync(instance, "bpm:tasks")).Links("item").Single());
        using var done = await hal.SubmitAsync(task, "complete", new { });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        return (instance.String("id"), task.String("id"));
    }

    private static async Task<HttpResponseMessage> GetArchiveAsync(HalClient hal, int number)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/feeds/events/archive/{number}.atom");
        return await hal.Http.SendAsync(request);
    }

    /// <summary>Rows that name one of the instances (or their tasks), per table, read from the server's SQLite file.</summary>
    private Dictionary<string, long> CountRows(IReadOnlyList<string> instances, IReadOnlyList<string> tasks)
    {
        using var connection = Open();
        var instanceList = string.Join(", ", instances.Select(id => $"'{id}'"));
        var taskList = string.Join(", ", tasks.Select(id => $"'{id}'"));
        return InstanceRows.ToDictionary(t => t.Table,
            t => Scalar(connection, $"SELECT COUNT(*) FROM {t.Table} WHERE {string.Format(CultureInfo.InvariantCulture, t.Where, instanceList, taskList)};"));
    }

    private Dictionary<string, long> CountTables()
    {
        using var connection = Open();
        return InstanceRows.ToDictionary(t => t.Table, t => Scalar(connection, $"SELECT COUNT(*) FROM {t.Table};"));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_server.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
