using System.Globalization;
using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Task due dates in the API and lists sorted by indexed fields through the real pipeline: the <c>search</c> template
/// offers the sorts, <c>next</c> links keep them, every page walk meets each row once in order.
/// </summary>
public sealed class Issue16ListSortingTests
{
    private static readonly string[] BusinessKeys = ["order-03", "order-01", "order-02", "order-01"];

    /// <summary>Four instances of "due-review" (three tasks each, twelve in all); the third is suspended.</summary>
    private static async Task<HalClient> ArrangeAsync(ServerFactory server)
    {
        var hal = server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("due-review.bpmn"));
        for (var i = 0; i < BusinessKeys.Length; i++)
        {
            var instance = await hal.StartAsync("due-review", new { businessKey = BusinessKeys[i], deadline = $"2027-01-0{4 - i}T10:00:00Z" });
            if (i == 2)
            {
                using var suspended = await hal.SubmitAsync(instance, "suspend");
                Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
            }
        }

        return hal;
    }

    /// <summary>Every member of every page, following <c>next</c> from <paramref name="first"/>; checks each next link keeps the query.</summary>
    private static async Task<(List<HalDocument> Items, int Pages)> WalkAsync(HalClient hal, string first, string keep)
    {
        var items = new List<HalDocument>();
        var page = await hal.GetAsync(first);
        var pages = 1;
        items.AddRange(page.Embedded("item"));
        while (page.Links("next").FirstOrDefault() is { } next)
        {
            Assert.Contains(keep, next, StringComparison.Ordinal);
            page = await hal.GetAsync(next);
            items.AddRange(page.Embedded("item"));
            pages++;
        }

        return (items, pages);
    }

    private static string? Str(HalDocument d, string name) => d.Property(name).ValueKind == JsonValueKind.Null ? null : d.Property(name).GetString();

    [Theory]
    [InlineData("created", "asc")]
    [InlineData("created", "desc")]
    [InlineData("due", "asc")]
    [InlineData("due", "desc")]
    [InlineData("name", "asc")]
    [InlineData("name", "desc")]
    public async Task Issue16_TaskList_SortedOverSeveralPages_EachTaskOnceInOrder(string sort, string order)
    {
        // Arrange
        using var server = new ServerFactory();
        var hal = await ArrangeAsync(server);

        // Act
        var (items, pages) = await WalkAsync(hal, $"/tasks?sort={sort}&order={order}&pageSize=5", $"sort={sort}&order={order}");

        // Assert: twelve tasks, none twice, over three pages, in the field's order (no due date last when ascending).
        Assert.Equal(3, pages);
        Assert.Equal(12, items.Select(i => Str(i, "id")).Distinct().Count());
        var values = items.Select(i => sort switch
        {
            "created" => Str(i, "createdAt")!,
            "due" => Str(i, "due") ?? "9999",
            _ => Str(i, "name")!,
        }).ToList();
        var expected = order == "asc" ? values.Order(StringComparer.Ordinal) : values.OrderDescending(StringComparer.Ordinal);
        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData("started", "asc")]
    [InlineData("started", "desc")]
    [InlineData("businessKey", "asc")]
    [InlineData("businessKey", "desc")]
    [InlineData("state", "asc")]
    [InlineData("state", "desc")]
    public async Task Issue16_InstanceList_SortedOverSeveralPages_EachInstanceOnceInOrder(string sort, string order)
    {
        using var server = new ServerFactory();
        var hal = await ArrangeAsync(server);

        var (items, pages) = await WalkAsync(hal, $"/instances?sort={sort}&order={order}&pageSize=3", $"sort={sort}&order={order}");

        Assert.Equal(2, pages);
        Assert.Equal(4, items.Select(i => Str(i, "id")).Distinct().Count());
        var values = items.Select(i => sort switch
        {
            "started" => Str(i, "startedAt")!,
            "businessKey" => Str(i, "businessKey")!,
            _ => Str(i, "state")!,
        }).ToList();
        var expected = order == "asc" ? values.Order(StringComparer.Ordinal) : values.OrderDescending(StringComparer.Ordinal);
        Assert.Equal(expected, values);
        Assert.Contains("suspended", items.Select(i => Str(i, "state")));
    }

    [Fact]
    public async Task Issue16_Task_ShowsItsDueDate_AndTheListFiltersByIt()
    {
        using var server = new ServerFactory();
        var hal = await ArrangeAsync(server);

        var due = await hal.GetAsync("/tasks?dueBefore=2027-01-02T10:00:00Z&sort=due");
        var plain = await new EnvelopeClient(server.CreateClient()).GetAsync("/tasks?dueBefore=2027-01-02T10:00:00Z&sort=due");

        // Deadlines 4, 3, 2 and 1 January: two "Alpha check" tasks are due by the 2nd, and the four "Beta check" tasks
        // (due a day after they were created); "Gamma check" has no due date and is never "due before".
        var items = due.Embedded("item").ToList();
        Assert.Equal(6, items.Count);
        Assert.Equal(["2027-01-01T10:00:00.000Z", "2027-01-02T10:00:00.000Z"], items.Where(i => Str(i, "name") == "Alpha check").Select(i => Str(i, "due")));
        Assert.Equal(4, items.Count(i => Str(i, "name") == "Beta check"));
        Assert.All(items, i => Assert.True(DateTimeOffset.Parse(Str(i, "due")!, CultureInfo.InvariantCulture) <= new DateTimeOffset(2027, 1, 2, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal(6, plain.GetProperty("total").GetInt64());
        Assert.Equal(Str(items[0], "due"), plain.GetProperty("items")[0].GetProperty("due").GetString());
        items = [.. items.Where(i => Str(i, "name") == "Alpha check")];
        var task = await hal.GetAsync(items[0].Self);
        Assert.Equal("2027-01-01T10:00:00.000Z", Str(task, "due"));
    }

    [Fact]
    public async Task Issue16_SearchTemplate_OffersTheIndexedSorts()
    {
        using var server = new ServerFactory();
        var hal = server.Hal();

        var tasks = await hal.GetAsync("/tasks");
        var instances = await hal.GetAsync("/instances");

        string[] Options(HalDocument d) => [.. d.Template("search").GetProperty("properties").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "sort").GetProperty("options").GetProperty("inline").EnumerateArray()
            .Select(o => o.GetProperty("value").GetString()!)];
        Assert.Equal(["created", "due", "name"], Options(tasks));
        Assert.Equal(["started", "businessKey", "state"], Options(instances));
        Assert.Equal("GET", tasks.Template("search").GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("/tasks?sort=assignee", "INVALID_SORT")]
    [InlineData("/tasks?sort=due&order=up", "INVALID_SORT")]
    [InlineData("/instances?sort=variables", "INVALID_SORT")]
    [InlineData("/tasks?dueBefore=tomorrow", "INVALID_FILTER")]
    public async Task Issue16_UnknownSortOrBadDue_Is400WithACode(string uri, string code)
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();

        using var response = await client.GetAsync(uri);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Issue16_PageFromTheNaturalOrder_UsedWithASort_Is400InvalidPage()
    {
        using var server = new ServerFactory();
        var hal = await ArrangeAsync(server);
        var next = (await hal.GetAsync("/tasks?pageSize=5")).Link("next");
        var page = next[(next.IndexOf("page=", StringComparison.Ordinal) + 5)..].Split('&')[0];

        using var response = await hal.Http.GetAsync($"/tasks?sort=due&pageSize=5&page={page}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("INVALID_PAGE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue16_SortedTaskList_ShowsAUserOnlyTheTasksTheyMaySee()
    {
        // Arrange: the tasks are for managers; carl is in no group.
        using var server = new ServerFactory();
        await ArrangeAsync(server);
        await IdentityTestUsers.AddAsync(server, "ann", "managers");
        await IdentityTestUsers.AddAsync(server, "carl");

        // Act
        var ann = await server.HalAs("ann", IdentityTestUsers.Password).GetAsync("/tasks?sort=due&pageSize=200");
        var carl = await server.HalAs("carl", IdentityTestUsers.Password).GetAsync("/tasks?sort=due&pageSize=200");

        // Assert
        Assert.Equal(12, ann.Property("total").GetInt64());
        Assert.Equal(0, carl.Property("total").GetInt64());
        Assert.Empty(carl.Embedded("item"));
    }
}
