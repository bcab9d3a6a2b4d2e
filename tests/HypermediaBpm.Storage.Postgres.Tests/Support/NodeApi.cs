using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HypermediaBpm.Storage.Postgres.Tests.Support;

/// <summary>The few API calls the multi-node tests make, as a client of one node would make them.</summary>
public static class NodeApi
{
    public static async Task DeployAsync(ServerNode node, string bpmn)
    {
        using var content = new StringContent(bpmn, Encoding.UTF8, "application/bpmn+xml");
        var response = await node.Client.PostAsync("/processes", content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"deploy on {node.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Starts an instance; its id (from <c>Location</c>).</summary>
    public static async Task<string> StartAsync(ServerNode node, string key)
    {
        var response = await node.Client.PostAsJsonAsync($"/processes/{key}/instances", new { });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"start on {node.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.OriginalString.Split('/')[^1];
    }

    /// <summary>Completes a task; the status the node answered.</summary>
    public static async Task<HttpStatusCode> CompleteTaskAsync(ServerNode node, string taskId) =>
        (await node.Client.PostAsJsonAsync($"/tasks/{taskId}/complete", new { })).StatusCode;

    /// <summary>Locks up to <paramref name="max"/> jobs of a topic for a worker, waiting up to a second for some; their ids.</summary>
    public static async Task<List<string>> LockJobsAsync(ServerNode node, string topic, string workerId, int max, string lockDuration = "PT1M")
    {
        var response = await node.Client.PostAsJsonAsync($"/jobs?topic={topic}",
            new { workerId, maxJobs = max, lockDuration, asyncResponseTimeout = 1000 });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"lock on {node.Id}: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("_embedded", out var embedded) && embedded.TryGetProperty("item", out var items)
            ? [.. (items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : new[] { items }.AsEnumerable()).Select(i => i.GetProperty("id").GetString()!)]
            : [];
    }

    public static async Task<HttpStatusCode> CompleteJobAsync(ServerNode node, string jobId, string workerId) =>
        (await node.Client.PostAsJsonAsync($"/jobs/{jobId}/complete", new { workerId })).StatusCode;

    /// <summary>A process: start, one element, end.</summary>
    public static string Model(string key, string element) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" targetNamespace="t">
          <process id="{key}" name="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            {element}
            <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    public static string Timer(string duration) =>
        $"""<intermediateCatchEvent id="work"><timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition></intermediateCatchEvent>""";

    public static string ServiceTask(string topic) =>
        $"""<serviceTask id="work"><extensionElements><zeebe:taskDefinition type="{topic}" /></extensionElements></serviceTask>""";

    public const string UserTask = """<userTask id="work" name="Review" />""";
}
