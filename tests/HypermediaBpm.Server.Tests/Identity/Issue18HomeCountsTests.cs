using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>
/// The home's three counts (issue 18 reads them in one store call) through the real pipeline: each user is told
/// how many running instances and open tasks they may see, as their own lists would count them; processes are counted
/// for everyone alike.
/// </summary>
public sealed class Issue18HomeCountsTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue18_Home_CountsOnlyWhatEachUserSees_LikeTheirLists()
    {
        // Arrange: two approvals wait on a task offered to managers; ann is a manager, bob is in sales.
        await IdentityTestUsers.AddAsync(_server, "ann", "managers");
        await IdentityTestUsers.AddAsync(_server, "bob", "sales");
        var admin = _server.Hal();
        await admin.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        await admin.StartAsync("approval", new { amount = 5000 });
        await admin.StartAsync("approval", new { amount = 7000 });
        var ann = _server.HalAs("ann", IdentityTestUsers.Password);
        var bob = _server.HalAs("bob", IdentityTestUsers.Password);

        // Act
        var adminHome = await admin.GetAsync("/");
        var annHome = await ann.GetAsync("/");
        var bobHome = await bob.GetAsync("/");

        // Assert
        Assert.Equal((1, 2, 2), Counts(adminHome));
        Assert.Equal((1, 2, 2), Counts(annHome));
        Assert.Equal((1, 0, 0), Counts(bobHome));
        Assert.Equal(Counts(bobHome).Item2, (await bob.GetAsync("/instances?state=running")).Property("total").GetInt32());
        Assert.Equal(Counts(annHome).Item3, (await ann.GetAsync("/tasks?state=open")).Property("total").GetInt32());
    }

    private static (int, int, int) Counts(HalDocument home) =>
        (home.Property("processes").GetInt32(), home.Property("runningInstances").GetInt32(), home.Property("openTasks").GetInt32());
}
