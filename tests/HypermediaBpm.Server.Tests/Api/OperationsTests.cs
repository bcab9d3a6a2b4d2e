using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Api;

public sealed class OperationsTests
{
    [Fact]
    public async Task Health_ReportsConnectedDatabase()
    {
        using var factory = new ServerFactory();

        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", doc.RootElement.GetProperty("status").GetString());
        var database = doc.RootElement.GetProperty("services").GetProperty("database");
        Assert.Equal("connected", database.GetProperty("status").GetString());
        Assert.True(DateTimeOffset.TryParse(database.GetProperty("last_connected").GetString(), out _));
    }

    [Fact]
    public async Task Health_DatabaseGone_Is503()
    {
        using var factory = new ServerFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var directory = Path.GetDirectoryName(factory.DatabasePath)!;

        // Take the database's folder away: the next ping cannot open the file.
        Directory.Move(directory, directory + "-gone");
        try
        {
            var response = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("unhealthy", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Move(directory + "-gone", directory);
        }
    }

    [Fact]
    public async Task RelPages_AreHtmlFromMarkdown_ForEveryCustomRelation()
    {
        using var factory = new ServerFactory();
        var client = factory.CreateClient();

        foreach (var rel in HypermediaBpm.Server.Representations.Rels.Custom)
        {
            var response = await client.GetAsync($"/rels/{rel}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains($"<h1", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/rels/not-a-rel")).StatusCode);
    }

    [Fact]
    public async Task Root_DeclaresCuriesAndLinksEverything()
    {
        using var factory = new ServerFactory();

        var root = await factory.Hal().GetAsync("/");

        var curie = root.Root.GetProperty("_links").GetProperty("curies")[0];
        Assert.Equal("bpm", curie.GetProperty("name").GetString());
        Assert.Equal("/rels/{rel}", curie.GetProperty("href").GetString());
        Assert.NotEmpty(root.Links("bpm:processes"));
        Assert.NotEmpty(root.Links("bpm:instances"));
        Assert.NotEmpty(root.Links("bpm:tasks"));
    }

    [Fact]
    public async Task Head_IsAnsweredLikeGetWithoutBody_AndMethodOverrideRoutes()
    {
        using var factory = new ServerFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        var instance = await WalkthroughTests.StartAsync(hal, process, new { amount = 5000 });

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, instance.Self));
        var cancel = await client.PostAsync(instance.Self, new FormUrlEncodedContent(new Dictionary<string, string> { ["_method"] = "DELETE" }));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.NotNull(head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.SeeOther, cancel.StatusCode);
        Assert.Equal(instance.Self, cancel.Headers.Location!.ToString());
        Assert.Equal("terminated", (await hal.GetAsync(instance.Self)).String("state"));
    }

    [Fact]
    public async Task Samples_AreDeployedOnFirstStart()
    {
        using var factory = new ServerFactory(samples: true);

        var processes = await factory.Hal().GetAsync("/processes");

        var keys = processes.Embedded("item").Select(p => p.String("key")).ToList();
        Assert.Contains("expense-approval", keys);
        Assert.Contains("document-review", keys);
        Assert.Contains("online-shop", keys);
    }

    [Fact]
    public async Task Restart_InstancesWaitingAtTasks_CanBeCompletedByTheNextServer()
    {
        using var directory = new TestDirectory("restart");
        var database = directory.File("server.db");
        List<string> instances = [];
        using (var first = new ServerFactory(databasePath: database))
        {
            var hal = first.Hal();
            var process = await WalkthroughTests.DeployAsync(hal);
            for (var i = 0; i < 3; i++)
            {
                instances.Add((await WalkthroughTests.StartAsync(hal, process, new { amount = 5000 })).Self);
            }
        }

        // The first server has stopped with its instances waiting; a new one opens the same file.
        using var second = new ServerFactory(databasePath: database);
        var again = second.Hal();
        foreach (var self in instances)
        {
            var instance = await again.GetAsync(self);
            Assert.Equal("running", instance.String("state"));
            var task = await again.GetAsync((await again.FollowAsync(instance, "bpm:tasks")).Links("item").Single());
            var done = await again.SubmitAsync(task, "complete", new { approved = true });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.Equal("completed", (await again.GetAsync(self)).String("state"));
        }
    }
}
