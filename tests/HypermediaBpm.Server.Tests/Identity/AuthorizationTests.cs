using System.Net;
using System.Net.Http.Json;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>
/// Issue 12's four users through the real pipeline and a real SQLite file: the administrator, <c>ann</c> in managers,
/// <c>bob</c> in sales and <c>wendy</c> in workers. Each sees only what they may see, is offered only what they may
/// do, and is refused (<c>403</c>) or told it does not exist (<c>404</c>) when they try anyway.
/// </summary>
public sealed class AuthorizationTests : IDisposable
{
    private const string StartersModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="quote" name="Quote" isExecutable="true" camunda:candidateStarterGroups="sales">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private const string JobModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="charging" name="Charging" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="charge" />
            <serviceTask id="charge" name="Charge card" camunda:type="external" camunda:topic="payments" />
            <sequenceFlow id="f2" sourceRef="charge" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue12_ManagersTask_AnnSeesAndCompletesIt_BobSeesItNowhereAndCannotClaimIt()
    {
        // Arrange: the administrator starts an approval whose task is offered to managers.
        var (ann, bob) = await AnnAndBobAsync();
        var admin = _server.Hal();
        await admin.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await admin.StartAsync("approval", new { amount = 5000 });
        var taskHref = Assert.Single(instance.Embedded("bpm:tasks")).Self;

        // Act
        var annList = await ann.GetAsync("/tasks");
        var annTask = await ann.GetAsync(taskHref);
        var bobList = await bob.GetAsync("/tasks");
        var bobSearch = await bob.GetAsync("/tasks?candidateGroup=managers");
        var bobInstances = await bob.GetAsync("/instances");
        using var bobGet = await bob.Http.GetAsync(taskHref);
        using var bobInstance = await bob.Http.GetAsync(instance.Self);
        using var bobClaim = await bob.Http.PostAsync(taskHref + "/claim", null);
        using var bobGroupFeed = await bob.Http.GetAsync("/feeds/worklist?group=managers");
        using var bobOwnFeed = await bob.Http.GetAsync("/feeds/worklist?user=bob");
        var managersForBob = await bob.GetAsync("/participants/groups/managers");
        var managersForAnn = await ann.GetAsync("/participants/groups/managers");
        using var completed = await ann.SubmitAsync(annTask, "complete", new { approved = true });

        // Assert: ann sees the task and may claim or complete it, not assign it; bob sees it nowhere.
        Assert.Contains(annList.Embedded("item"), t => t.Self == taskHref);
        Assert.Equal(["claim", "complete", "update"], annTask.TemplateNames.Order());
        Assert.Empty(bobList.Embedded("item"));
        Assert.Equal(0, bobList.Property("total").GetInt32());
        Assert.Empty(bobSearch.Embedded("item"));
        Assert.Equal(0, bobSearch.Property("total").GetInt32());
        Assert.Equal(0, bobInstances.Property("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, bobGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobInstance.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobClaim.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bobGroupFeed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bobOwnFeed.StatusCode);
        Assert.DoesNotContain(taskHref, await bobOwnFeed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(managersForBob.Links("bpm:feed"));
        Assert.Single(managersForAnn.Links("bpm:feed"));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var done = await admin.GetAsync(taskHref);
        Assert.Equal(("completed", "ann", "ann"), (done.String("state"), done.String("assignee"), done.String("completedBy")));

        // History shows who did each step: the administrator started it, ann completed the task.
        var finished = await admin.GetAsync(instance.Self);
        Assert.Equal("admin", finished.String("startedBy"));
        var history = (await admin.GetAsync(instance.Self + "/history")).Embedded("item").ToList();
        Assert.Equal("admin", history.First(e => e.String("type") == "instance-started").String("user"));
        Assert.Equal("ann", history.First(e => e.String("type") == "task-completed").String("user"));
    }

    [Fact]
    public async Task Issue12_Bob_HasNoDeployCancelOrModifyTemplate_AndIsRefused403WhenHePostsThem()
    {
        // Arrange: bob starts an approval himself, so he sees that instance (but not its managers task).
        var (_, bob) = await AnnAndBobAsync();
        var admin = _server.Hal();
        await admin.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var started = await bob.StartAsync("approval", new { amount = 5000 });
        var root = await bob.GetAsync("/");
        var processes = await bob.GetAsync("/processes");
        var instance = await bob.GetAsync(started.Self);

        // Act
        using var deploy = await bob.Http.PostAsync("/processes", new StringContent(ServerFactory.Fixture("approval.bpmn"), System.Text.Encoding.UTF8, "application/bpmn+xml"));
        using var cancel = await bob.Http.DeleteAsync(started.Self);
        using var modify = await bob.Http.PostAsJsonAsync(started.Self + "/modification", new { instructions = new[] { new { type = "startBeforeActivity", activityId = "done" } } });
        var stillRunning = await admin.GetAsync(started.Self);
        var waitsFor = await bob.FollowAsync(instance, "bpm:messages");

        // Assert
        Assert.False(root.HasTemplate("deploy"));
        Assert.False(processes.HasTemplate("deploy"));
        Assert.Equal("bob", instance.String("startedBy"));
        Assert.Empty(instance.TemplateNames);
        Assert.Empty(instance.Embedded("bpm:tasks"));
        Assert.Empty(waitsFor.TemplateNames);
        Assert.DoesNotContain(root.AllLinks(), l => l.Rel is "bpm:messages" or "bpm:signals" or "bpm:transactions" or "bpm:jobs");
        await AssertForbiddenAsync(deploy, "admins");
        await AssertForbiddenAsync(cancel, "admins,operators");
        await AssertForbiddenAsync(modify, "admins,operators");
        Assert.Equal("running", stillRunning.String("state"));
        Assert.True(stillRunning.HasTemplate("cancel") && stillRunning.HasTemplate("modify"));
    }

    [Fact]
    public async Task Issue12_CandidateStarterGroupsSales_StartIsBobsNotAnns()
    {
        // Arrange
        var (ann, bob) = await AnnAndBobAsync();
        await _server.Hal().DeployAsync(StartersModel);

        // Act
        var forBob = await bob.GetAsync("/processes/quote");
        var forAnn = await ann.GetAsync("/processes/quote");
        using var annStart = await ann.Http.PostAsJsonAsync("/processes/quote/instances", new { });
        using var bobStart = await bob.SubmitAsync(forBob, "start", new { });

        // Assert
        Assert.True(forBob.HasTemplate("start"));
        Assert.False(forAnn.HasTemplate("start"));
        Assert.False(forAnn.HasTemplate("reserve"));
        await AssertForbiddenAsync(annStart, "candidateStarterUsers,candidateStarterGroups");
        Assert.Equal(HttpStatusCode.Created, bobStart.StatusCode);
    }

    [Fact]
    public async Task Issue12_Jobs_WendyLocksAndCompletesOne_AnnCannot_NoOneLocksTheServersTopics()
    {
        // Arrange
        var (ann, _) = await AnnAndBobAsync();
        await IdentityTestUsers.AddAsync(_server, "wendy", "workers");
        var wendy = _server.HalAs("wendy", IdentityTestUsers.Password);
        var admin = _server.Hal();
        await admin.DeployAsync(JobModel);
        var started = await admin.StartAsync("charging", new { amount = 42 });

        // Act
        var annRoot = await ann.GetAsync("/");
        using var annLock = await ann.Http.PostAsJsonAsync("/jobs", new { topic = "payments", workerId = "ann" });
        var wendyRoot = await wendy.GetAsync("/");
        var jobs = await wendy.FollowAsync(wendyRoot, "bpm:jobs", new Dictionary<string, string> { ["topic"] = "payments" });
        using var locked = await wendy.SubmitAsync(jobs, "lock", new { workerId = "w1", maxJobs = 1, lockDuration = 60000 });
        var job = Assert.Single((await HalClient.ReadAsync(locked)).Embedded("item"));
        using var completed = await wendy.SubmitAsync(job, "complete", new { workerId = "w1" });
        using var serverTopic = await wendy.Http.PostAsJsonAsync("/jobs", new { topic = "http-connector", workerId = "w1" });
        using var adminServerTopic = await admin.Http.PostAsJsonAsync("/jobs", new { topic = "tcc-coordinator", workerId = "w1" });

        // Assert
        Assert.DoesNotContain(annRoot.AllLinks(), l => l.Rel == "bpm:jobs");
        await AssertForbiddenAsync(annLock, "admins,workers");
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        await AssertForbiddenAsync(serverTopic, "server");
        await AssertForbiddenAsync(adminServerTopic, "server");
        var history = (await admin.GetAsync(started.Self + "/history")).Embedded("item").ToList();
        Assert.Equal("completed", (await admin.GetAsync(started.Self)).String("state"));
        Assert.Contains(history, e => e.String("activityId") == "charge" && e.Property("user").GetString() == "wendy");
    }

    [Fact]
    public async Task Issue12_IdempotencyKey_IsScopedToTheUserWhoSentIt()
    {
        // Arrange
        var (ann, bob) = await AnnAndBobAsync();
        await _server.Hal().DeployAsync(ServerFactory.Fixture("approval.bpmn"));

        // Act: the same key and the same body from two users, then again from ann.
        async Task<string?> StartAsync(HalClient who)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/processes/approval/instances") { Content = JsonContent.Create(new { amount = 5 }) };
            request.Headers.Add("Idempotency-Key", "order-1");
            using var response = await who.Http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return response.Headers.Location?.ToString();
        }

        var annFirst = await StartAsync(ann);
        var bobs = await StartAsync(bob);
        var annAgain = await StartAsync(ann);

        // Assert
        Assert.NotEqual(annFirst, bobs);
        Assert.Equal(annFirst, annAgain);
    }

    [Fact]
    public async Task Issue12_Operator_SeesEveryTaskAndAssignsOne_TheAssigneeCompletesIt_AndTheCandidateCannotAssign()
    {
        // Arrange
        var (ann, bob) = await AnnAndBobAsync();
        await IdentityTestUsers.AddAsync(_server, "olga", "operators");
        var olga = _server.HalAs("olga", IdentityTestUsers.Password);
        await _server.Hal().DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await _server.Hal().StartAsync("approval", new { amount = 5000 });
        var taskHref = Assert.Single(instance.Embedded("bpm:tasks")).Self;

        // Act
        var olgaList = await olga.GetAsync("/tasks");
        var olgaTask = await olga.GetAsync(taskHref);
        using var annAssign = await ann.Http.PostAsJsonAsync(taskHref + "/assign", new { assignee = "ann" });
        using var assigned = await olga.SubmitAsync(olgaTask, "assign", new { assignee = "bob" });
        var bobTask = await bob.GetAsync(taskHref);
        var annTask = await ann.GetAsync(taskHref);
        using var completed = await bob.SubmitAsync(bobTask, "complete", new { approved = false });

        // Assert: olga sees it and may assign (not claim or complete: she is no candidate); bob, once assigned, completes it.
        Assert.Equal(1, olgaList.Property("total").GetInt32());
        Assert.Equal(["assign"], olgaTask.TemplateNames);
        await AssertForbiddenAsync(annAssign, "admins,operators");
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(["complete", "unclaim", "update"], bobTask.TemplateNames.Order());
        Assert.Empty(annTask.TemplateNames);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("bob", (await olga.GetAsync(taskHref)).String("completedBy"));
    }

    [Fact]
    public async Task Issue12_HtmlPages_ShowOnlyTheFormsTheUserMayUse()
    {
        // Arrange
        await AnnAndBobAsync();
        await _server.Hal().DeployAsync(StartersModel);
        var bob = new Html.HtmlClient(_server, signedIn: false);
        bob.Http.DefaultRequestHeaders.Authorization = ServerFactory.Basic("bob", IdentityTestUsers.Password);
        var ann = new Html.HtmlClient(_server, signedIn: false);
        ann.Http.DefaultRequestHeaders.Authorization = ServerFactory.Basic("ann", IdentityTestUsers.Password);
        var admin = new Html.HtmlClient(_server);

        // Act
        var bobProcesses = await bob.PageAsync("/processes");
        var bobQuote = await bob.PageAsync("/processes/quote");
        var annQuote = await ann.PageAsync("/processes/quote");
        var adminQuote = await admin.PageAsync("/processes/quote");

        // Assert
        Assert.Null(bobProcesses.QuerySelector("form[name=deploy]"));
        Assert.NotNull(bobQuote.QuerySelector("form[name=start]"));
        Assert.Null(bobQuote.QuerySelector("form[name=edit]"));
        Assert.Null(annQuote.QuerySelector("form[name=start]"));
        Assert.NotNull(adminQuote.QuerySelector("form[name=edit]"));
        Assert.NotNull(adminQuote.QuerySelector("form[name=start]"));
    }

    private async Task<(HalClient Ann, HalClient Bob)> AnnAndBobAsync()
    {
        await IdentityTestUsers.AddAsync(_server, "ann", "managers");
        await IdentityTestUsers.AddAsync(_server, "bob", "sales");
        return (_server.HalAs("ann", IdentityTestUsers.Password), _server.HalAs("bob", IdentityTestUsers.Password));
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response, string required)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {body}");
        var problem = new HalDocument(System.Text.Json.JsonDocument.Parse(body).RootElement.Clone());
        Assert.Equal("FORBIDDEN", problem.String("code"));
        Assert.Equal(required, problem.Property("context").GetProperty("required").GetString());
    }
}
