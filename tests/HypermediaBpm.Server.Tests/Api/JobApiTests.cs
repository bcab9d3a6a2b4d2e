using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>The worker protocol over HTTP, through the real pipeline and a real SQLite file, by links and templates only.</summary>
public sealed class JobApiTests : IDisposable
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <error id="declined" name="Card declined" errorCode="CARD_DECLINED" />
          <process id="charging" name="Charging" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="charge" />
            <serviceTask id="charge" name="Charge card" camunda:type="external" camunda:topic="payments" />
            <sequenceFlow id="f2" sourceRef="charge" targetRef="end" />
            <endEvent id="end" />
            <boundaryEvent id="onDeclined" attachedToRef="charge">
              <errorEventDefinition errorRef="declined" camunda:errorMessageVariable="why" />
            </boundaryEvent>
            <sequenceFlow id="f3" sourceRef="onDeclined" targetRef="askCustomer" />
            <userTask id="askCustomer" name="Ask for another card" />
            <sequenceFlow id="f4" sourceRef="askCustomer" targetRef="end2" />
            <endEvent id="end2" />
          </process>
        </definitions>
        """;

    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Worker_FromTheRoot_LocksAJobWithItsVariablesAndCompletesIt()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var started = await hal.StartAsync("charging", new { amount = 42 });
        var root = await hal.GetAsync("/");
        Assert.Contains(root.AllLinks(), l => l.Rel == "bpm:jobs" && l.Templated && l.Href == "/jobs{?topic}");
        var jobs = await hal.FollowAsync(root, "bpm:jobs", new Dictionary<string, string> { ["topic"] = "payments" });
        var listed = Assert.Single(jobs.Embedded("item"));
        Assert.Equal(("open", 3), (listed.String("state"), listed.Property("retries").GetInt32()));
        Assert.False(listed.HasTemplate("complete"));

        // Act
        using var lockResponse = await hal.SubmitAsync(jobs, "lock", new { workerId = "w1", maxJobs = 5, lockDuration = 60000 });
        var batch = await HalClient.ReadAsync(lockResponse);
        var job = Assert.Single(batch.Embedded("item"));
        using var completeResponse = await hal.SubmitAsync(job, "complete", new { workerId = "w1", variables = new { receipt = "r-1" } });
        var instance = await HalClient.ReadAsync(completeResponse);

        // Assert
        Assert.Equal(HttpStatusCode.OK, lockResponse.StatusCode);
        Assert.Equal(("locked", "w1", "payments"), (job.String("state"), job.String("lockOwner"), job.String("topic")));
        Assert.Equal(42, job.Property("variables").GetProperty("amount").GetInt32());
        Assert.Equal(["complete", "fail", "bpmnError", "extendLock"], job.TemplateNames);
        Assert.Equal(started.Self, job.Link("bpm:instance"));
        Assert.Equal("/processes/charging/versions/1", job.Link("bpm:process"));
        Assert.Equal("/jobs?topic=payments", job.Link("collection"));
        Assert.Equal(HttpStatusCode.OK, completeResponse.StatusCode);
        Assert.Equal(("completed", "r-1"), (instance.String("state"), instance.Property("variables").GetProperty("receipt").GetString()));
        Assert.Empty((await hal.GetAsync(jobs.Self)).Embedded("item"));
    }

    [Fact]
    public async Task Complete_ByAnotherWorker_Is409JobLockLost_AndAgainAfterDone_404JobNotFound()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        await hal.StartAsync("charging", new { });
        var job = await LockOneAsync(hal, "w1");

        // Act
        using var stale = await hal.SubmitAsync(job, "complete", new { workerId = "w2" });
        using var done = await hal.SubmitAsync(job, "complete", new { workerId = "w1" });
        using var again = await hal.SubmitAsync(job, "complete", new { workerId = "w1" });

        // Assert
        await AssertProblemAsync(stale, HttpStatusCode.Conflict, "JOB_LOCK_LOST", "lockOwner", "w1");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.NotFound, "JOB_NOT_FOUND", "job", job.String("id"));
    }

    [Fact]
    public async Task Fail_WithRetriesLeft_ReleasesTheJob_SoItsOldTemplatesAre409JobNotLocked()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        await hal.StartAsync("charging", new { });
        var job = await LockOneAsync(hal, "w1");

        // Act
        using var failResponse = await hal.SubmitAsync(job, "fail", new { workerId = "w1", errorMessage = "gateway timeout", retries = 2, retryTimeout = "PT1H" });
        var failed = await HalClient.ReadAsync(failResponse);
        using var late = await hal.SubmitAsync(job, "complete", new { workerId = "w1" });
        var root = await hal.GetAsync("/");
        var jobs = await hal.FollowAsync(root, "bpm:jobs", new Dictionary<string, string> { ["topic"] = "payments" });
        using var relock = await hal.SubmitAsync(jobs, "lock", new { workerId = "w2", maxJobs = 1 });

        // Assert
        Assert.Equal(HttpStatusCode.OK, failResponse.StatusCode);
        Assert.Equal(("open", 2, "gateway timeout"), (failed.String("state"), failed.Property("retries").GetInt32(), failed.String("errorMessage")));
        Assert.Empty(failed.TemplateNames);
        await AssertProblemAsync(late, HttpStatusCode.Conflict, "JOB_NOT_LOCKED", "job", job.String("id"));
        Assert.Empty((await HalClient.ReadAsync(relock)).Embedded("item"));
    }

    [Fact]
    public async Task Fail_NoRetriesLeft_IncidentAtTheTask_WhoseRetryHandsTheJobBack()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var started = await hal.StartAsync("charging", new { });
        var job = await LockOneAsync(hal, "w1");

        // Act
        using var failResponse = await hal.SubmitAsync(job, "fail", new { workerId = "w1", errorMessage = "card service gone", retries = 0 });
        var instance = await hal.GetAsync(started.Self);
        var incident = Assert.Single(instance.Embedded("bpm:incidents"));
        using var retry = await hal.SubmitAsync(incident, "retry", new { });
        var again = await LockOneAsync(hal, "w2");
        using var done = await hal.SubmitAsync(again, "complete", new { workerId = "w2" });

        // Assert
        Assert.Equal("failed", (await HalClient.ReadAsync(failResponse)).String("state"));
        Assert.Equal("failed", instance.String("state"));
        Assert.Equal(("JOB_FAILED", "card service gone", "charge"), (incident.String("code"), incident.String("message"), incident.String("activityId")));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((job.String("id"), 1), (again.String("id"), again.Property("retries").GetInt32()));
        Assert.Equal("completed", (await HalClient.ReadAsync(done)).String("state"));
    }

    [Fact]
    public async Task BpmnError_CaughtByTheTasksBoundaryEvent_InstanceGoesThatWay()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        await hal.StartAsync("charging", new { });
        var job = await LockOneAsync(hal, "w1");

        // Act
        using var response = await hal.SubmitAsync(job, "bpmnError", new { workerId = "w1", errorCode = "CARD_DECLINED", errorMessage = "insufficient funds" });
        var instance = await HalClient.ReadAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("running", "insufficient funds"), (instance.String("state"), instance.Property("variables").GetProperty("why").GetString()));
        Assert.Equal("askCustomer", Assert.Single(instance.Embedded("bpm:tasks")).String("activityId"));
    }

    [Fact]
    public async Task ExtendLock_Holder_LockRunsLonger()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        await hal.StartAsync("charging", new { });
        var job = await LockOneAsync(hal, "w1");
        var before = DateTimeOffset.Parse(job.String("lockExpiresAt"), System.Globalization.CultureInfo.InvariantCulture);

        // Act
        using var response = await hal.SubmitAsync(job, "extendLock", new { workerId = "w1", lockDuration = "PT2H" });
        var extended = await HalClient.ReadAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(DateTimeOffset.Parse(extended.String("lockExpiresAt"), System.Globalization.CultureInfo.InvariantCulture) > before.AddMinutes(100));
    }

    [Theory]
    [InlineData("""{"maxJobs": 1}""", "workerId")]
    [InlineData("""{"workerId": "w1", "lockDuration": "soon"}""", "lockDuration")]
    [InlineData("""{"workerId": "w1", "maxJobs": -2}""", "maxJobs")]
    [InlineData("""{"workerId": "w1", "maxJobs": 1000}""", "maxJobs")]
    [InlineData("""{"workerId": "w1", "asyncResponseTimeout": "PT5M"}""", "asyncResponseTimeout")]
    public async Task Lock_BadInput_Is422NamingTheField(string body, string field)
    {
        var hal = _server.Hal();
        var jobs = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:jobs", new Dictionary<string, string> { ["topic"] = "payments" });
        using var request = new HttpRequestMessage(HttpMethod.Post, jobs.Template("lock").GetProperty("target").GetString())
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        using var response = await hal.Http.SendAsync(request);

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("INVALID_INPUT", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains(problem.RootElement.GetProperty("context").GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Job_Unknown_Is404JobNotFound()
    {
        using var response = await _server.Hal().Http.GetAsync("/jobs/nope");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "JOB_NOT_FOUND", "job", "nope");
    }

    [Fact]
    public async Task JobPages_InHtml_CarryTheLockAndCompleteForms()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        await hal.StartAsync("charging", new { });
        var job = await LockOneAsync(hal, "w1");
        var html = new HtmlClient(_server);

        var collection = await html.PageAsync("/jobs?topic=payments");
        var page = await html.PageAsync(job.Self);

        Assert.NotNull(collection.QuerySelector("form[name=lock]"));
        Assert.NotNull(page.QuerySelector("form[name=complete] input[name=workerId][value=w1]"));
        Assert.NotNull(page.QuerySelector("form[name=bpmnError]"));
    }

    /// <summary>The one test that waits on the real clock: a lock request long-polls, bounded by its asyncResponseTimeout.</summary>
    [Fact]
    public async Task Lock_LongPolling_EmptyWhenTheTimeIsUp_WokenWhenAJobOfTheTopicIsCreated()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var jobs = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:jobs", new Dictionary<string, string> { ["topic"] = "payments" });

        // Act: nothing comes within 300 ms.
        var clock = Stopwatch.StartNew();
        using var empty = await hal.SubmitAsync(jobs, "lock", new { workerId = "w1", asyncResponseTimeout = 300 });
        var waitedEmpty = clock.Elapsed;

        // Act: a job created while a worker waits (up to 20 s) reaches it.
        var waiting = Task.Run(async () =>
        {
            using var response = await _server.Hal().SubmitAsync(jobs, "lock", new { workerId = "w2", asyncResponseTimeout = "PT20S" });
            return (response.StatusCode, await HalClient.ReadAsync(response));
        });
        clock.Restart();
        await Task.Delay(100); // let the request start waiting
        await hal.StartAsync("charging", new { });
        var (status, woken) = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Empty((await HalClient.ReadAsync(empty)).Embedded("item"));
        Assert.InRange(waitedEmpty, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("w2", Assert.Single(woken.Embedded("item")).String("lockOwner"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the waiting lock answered after {clock.Elapsed}");
    }

    private static async Task<HalDocument> LockOneAsync(HalClient hal, string worker)
    {
        var jobs = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:jobs", new Dictionary<string, string> { ["topic"] = "payments" });
        using var response = await hal.SubmitAsync(jobs, "lock", new { workerId = worker, maxJobs = 1, lockDuration = "PT10M" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single((await HalClient.ReadAsync(response)).Embedded("item"));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string contextKey, string contextValue)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(contextValue, problem.RootElement.GetProperty("context").GetProperty(contextKey).GetString());
    }
}
