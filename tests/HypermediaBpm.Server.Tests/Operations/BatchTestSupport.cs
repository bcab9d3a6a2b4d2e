using System.Net;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>What the batch tests share: a waiting model, seeding instances through the engine, creating and awaiting batches over HTTP.</summary>
internal static class BatchTestSupport
{
    public static string WaitingModel(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="{key}" name="Waits" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <userTask id="review" name="Review" />
            <sequenceFlow id="f2" sourceRef="review" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    public static string FailingModel(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="{key}" name="Fails" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="script" />
            <scriptTask id="script" name="Fails" scriptFormat="javascript"><script>throw new Error('broken');</script></scriptTask>
            <sequenceFlow id="f2" sourceRef="script" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    /// <summary>Starts <paramref name="count"/> instances through the engine's command path (many at once, as many clients would).</summary>
    public static async Task<List<string>> StartManyAsync(ServerFactory server, string key, int count, string? businessKey = null)
    {
        var engine = server.Services.GetRequiredService<ProcessEngine>();
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            ids[i] = (await engine.StartAsync(key, null, businessKey, new Dictionary<string, object?>(), false, new CommandContext("admin"), ct)).InstanceId);
        return [.. ids];
    }

    /// <summary>Creates a batch by the <c>batch</c> template of the batch collection (found from the root); returns its URI.</summary>
    public static async Task<string> CreateAsync(HalClient hal, object values)
    {
        var batches = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:batches");
        using var response = await hal.SubmitAsync(batches, "batch", values);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"batch → {(int)response.StatusCode}: {body}");
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The batch once it is no longer running.</summary>
    public static Task<HalDocument> FinishedAsync(HalClient hal, string batch, TimeSpan? patience = null) =>
        Eventually.FindAsync(async () =>
        {
            var b = await hal.GetAsync(batch);
            return b.String("state") == "running" ? null : b;
        }, () => $"batch {batch} still running", patience);

    /// <summary>How many times each instance of <paramref name="key"/> was recorded as <paramref name="type"/>, and by whom.</summary>
    public static async Task<List<HistoryEvent>> EventsAsync(ServerFactory server, string key, string type)
    {
        var store = server.Services.GetRequiredService<IEngineStore>();
        var events = new List<HistoryEvent>();
        long? after = null;
        while (true)
        {
            var page = await store.QueryFeedAsync(new FeedQuery(new FeedFilter([type], ProcessKey: key), AfterSequence: after, Limit: 1000, OldestFirst: true), default);
            events.AddRange(page);
            if (page.Count < 1000)
            {
                return events;
            }

            after = page[^1].Sequence;
        }
    }

    public static int Int(HalDocument doc, string name) => doc.Property(name).GetInt32();
}
