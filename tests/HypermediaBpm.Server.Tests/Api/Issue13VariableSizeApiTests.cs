using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Issue 13, finding 5: through the API, a variable larger than <c>Engine:MaxVariableBytes</c> is a 422 problem
/// <c>VARIABLE_TOO_LARGE</c> naming the variable and the limit, and nothing is written; from a script it is an incident.
/// </summary>
public sealed class Issue13VariableSizeApiTests : IDisposable
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" targetNamespace="t">
          <process id="sized" name="Sized" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="check" />
            <scriptTask id="check" name="Check the input" scriptFormat="javascript">
              <script>if (typeof input === 'undefined') { throw new Error('input is missing'); } if (input === 'big') { execution.setVariable('made', 'x'.repeat(2 * 1024 * 1024)); }</script>
            </scriptTask>
            <sequenceFlow id="f2" sourceRef="check" targetRef="review" />
            <userTask id="review" name="Review" />
            <sequenceFlow id="f3" sourceRef="review" targetRef="paid" />
            <intermediateCatchEvent id="paid" name="Paid"><messageEventDefinition messageRef="paid-message" /></intermediateCatchEvent>
            <sequenceFlow id="f4" sourceRef="paid" targetRef="end" />
            <endEvent id="end" />
          </process>
          <message id="paid-message" name="sized-paid"><extensionElements><zeebe:subscription correlationKey="=input" /></extensionElements></message>
        </definitions>
        """;

    private static readonly string TwoMebibytes = new('x', 2 * 1024 * 1024);

    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue13_StartWithTwoMebibyteVariable_Is422_AndNoInstanceIsCreated()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var process = await hal.GetAsync("/processes/sized");

        using var response = await hal.SubmitAsync(process, "start", new { variables = new { input = "ok", big = TwoMebibytes } });

        await AssertTooLargeAsync(response, "big", 1024 * 1024);
        Assert.Empty((await hal.GetAsync("/instances")).Embedded("item"));
    }

    [Fact]
    public async Task Issue13_CompleteMessageRetryAndModifyWithTwoMebibyteVariable_Are422_AndChangeNothing()
    {
        // Arrange: one instance with an incident (no input), one waiting at its task.
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var failed = await hal.StartAsync("sized", new { variables = new { } });
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        var waiting = await hal.StartAsync("sized", new { variables = new { input = "A-1" } });
        var task = await hal.GetAsync((await hal.FollowAsync(waiting, "bpm:tasks")).Links("item").Single());
        var messages = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:messages");

        // Act
        using var retry = await hal.SubmitAsync(incident, "retry", new { input = "fixed", big = TwoMebibytes });
        using var modify = await hal.SubmitAsync(failed, "modify", new { instructions = new[] { new { type = "startBeforeActivity", activityId = "review" } }, variables = new { big = TwoMebibytes } });
        using var complete = await hal.SubmitAsync(task, "complete", new { big = TwoMebibytes });
        using var send = await hal.SubmitAsync(messages, "send", new { name = "sized-paid", correlationKey = "A-1", variables = new { big = TwoMebibytes } });

        // Assert: each refused by name, and both instances exactly as they were.
        await AssertTooLargeAsync(retry, "big", 1024 * 1024);
        await AssertTooLargeAsync(modify, "big", 1024 * 1024);
        await AssertTooLargeAsync(complete, "big", 1024 * 1024);
        await AssertTooLargeAsync(send, "big", 1024 * 1024);
        var failedNow = await hal.GetAsync(failed.Self);
        Assert.Equal("failed", failedNow.String("state"));
        Assert.Equal(incident.Self, Assert.Single(failedNow.Embedded("bpm:incidents")).Self);
        Assert.False(failedNow.Property("variables").TryGetProperty("big", out _));
        var waitingNow = await hal.GetAsync(waiting.Self);
        Assert.Equal("running", waitingNow.String("state"));
        Assert.False(waitingNow.Property("variables").TryGetProperty("big", out _));
        Assert.Equal("open", (await hal.GetAsync(task.Self)).String("state"));
    }

    [Fact]
    public async Task Issue13_ScriptSettingTwoMebibyteVariable_IsIncident()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(Model);

        var started = await hal.StartAsync("sized", new { variables = new { input = "big" } });

        Assert.Equal("failed", started.String("state"));
        var incident = Assert.Single(started.Embedded("bpm:incidents"));
        Assert.Equal("VARIABLE_TOO_LARGE", incident.String("code"));
        Assert.False(started.Property("variables").TryGetProperty("made", out _));
    }

    [Fact]
    public async Task Issue13_ConfiguredMaxVariableBytes_IsTheLimit()
    {
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Engine:MaxVariableBytes"] = "100" });
        var hal = server.Hal();
        await hal.DeployAsync(Model);
        var process = await hal.GetAsync("/processes/sized");

        using var response = await hal.SubmitAsync(process, "start", new { variables = new { input = "ok", note = new string('n', 101) } });

        await AssertTooLargeAsync(response, "note", 100);
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response, string variable, long limit)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("VARIABLE_TOO_LARGE", problem.GetProperty("code").GetString());
        Assert.Equal(variable, problem.GetProperty("context").GetProperty("variable").GetString());
        Assert.Equal(limit, problem.GetProperty("context").GetProperty("limit").GetInt64());
        Assert.Contains($"'{variable}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
