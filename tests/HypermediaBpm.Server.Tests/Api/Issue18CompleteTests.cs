using System.Net;
using System.Net.Http.Json;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Issue 18: <c>complete</c> no longer reads the task before the command does; the command checks who may see and
/// complete the task on the task it reads. The answers stay what they were: 404 for a task the user may not see,
/// 403 for one they see but may not work on, and nothing changes in either case.
/// </summary>
public sealed class Issue18CompleteTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue18_CompleteChecksInTheCommand_Hidden404_NotACandidate403_TaskStaysOpen_CandidateCompletes()
    {
        // Arrange: a managers' task; bob (sales) does not see it, olga (operators) sees it but is no candidate.
        await IdentityTestUsers.AddAsync(_server, "ann", "managers");
        await IdentityTestUsers.AddAsync(_server, "bob", "sales");
        await IdentityTestUsers.AddAsync(_server, "olga", "operators");
        var admin = _server.Hal();
        await admin.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await admin.StartAsync("approval", new { amount = 5000 });
        var taskHref = Assert.Single(instance.Embedded("bpm:tasks")).Self;
        var ann = _server.HalAs("ann", IdentityTestUsers.Password);

        // Act
        using var bob = await _server.ClientAs("bob", IdentityTestUsers.Password).PostAsJsonAsync(taskHref + "/complete", new { approved = true });
        using var olga = await _server.ClientAs("olga", IdentityTestUsers.Password).PostAsJsonAsync(taskHref + "/complete", new { approved = true });
        var afterRefusals = await admin.GetAsync(taskHref);
        using var completed = await ann.Http.PostAsJsonAsync(taskHref + "/complete", new { approved = true });
        var done = await admin.GetAsync(taskHref);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, bob.StatusCode);
        Assert.Contains("TASK_NOT_FOUND", await bob.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, olga.StatusCode);
        Assert.Contains("FORBIDDEN", await olga.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("open", afterRefusals.String("state"));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(("completed", "ann"), (done.String("state"), done.String("completedBy")));
    }

    [Fact]
    public async Task Issue18_CompleteUnknownTask_404TaskNotFound()
    {
        // Act
        using var response = await _server.CreateClient().PostAsJsonAsync("/tasks/no-such-task/complete", new { });

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("TASK_NOT_FOUND", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
