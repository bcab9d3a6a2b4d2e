using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>Instance migration over HTTP (issue 19): the <c>migrate</c> templates of an instance and of a process version.</summary>
public sealed class Issue19MigrationApiTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue19_InstanceMigrateTemplate_MovesTheInstanceToV2_AndHistoryRecordsIt()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(MigrationModels.V1);
        var started = await hal.StartAsync(MigrationModels.Key, new { });
        await hal.DeployAsync(MigrationModels.V2);
        var instance = await hal.GetAsync(started.Self);
        var template = instance.Template("migrate");
        var properties = template.GetProperty("properties").EnumerateArray().ToList();
        Assert.Equal(["2"], properties.Single(p => p.GetProperty("name").GetString() == "targetVersion").GetProperty("options").GetProperty("inline").EnumerateArray()
            .Select(o => o.GetProperty("value").GetString()));
        Assert.Equal("review", properties.Single(p => p.GetProperty("name").GetString() == "mapping.review").GetProperty("value").GetString());

        // Act
        using var response = await hal.SubmitAsync(instance, "migrate", new Dictionary<string, object> { ["targetVersion"] = 2, ["mapping.review"] = "check" });

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var migrated = await HalClient.ReadAsync(response);
        Assert.Equal(2, migrated.Property("processVersion").GetInt32());
        Assert.Contains(migrated.Embedded("bpm:tasks"), t => t.String("activityId") == "check" && t.String("name") == "Check");
        var history = await hal.FollowAsync(migrated, "bpm:history");
        var entry = Assert.Single(history.Embedded("item"), e => e.String("type") == "instance-migrated");
        Assert.Equal(ServerFactory.AdminUser, entry.String("user"));
    }

    [Fact]
    public async Task Issue19_UnmappableElement_Is422NamingIt_AndTheInstanceIsUnchanged()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(MigrationModels.V1);
        var started = await hal.StartAsync(MigrationModels.Key, new { });
        await hal.DeployAsync(MigrationModels.V2);
        var instance = await hal.GetAsync(started.Self);
        var etag = await ETagAsync(hal, instance.Self);

        using var response = await hal.SubmitAsync(instance, "migrate", new { targetVersion = 2 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("MIGRATION_INVALID", problem.RootElement.GetProperty("code").GetString());
        var error = Assert.Single(problem.RootElement.GetProperty("context").GetProperty("errors").EnumerateArray());
        Assert.Equal(("review", "TARGET_MISSING"), (error.GetProperty("element").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal(etag, await ETagAsync(hal, instance.Self));
        Assert.Equal(1, (await hal.GetAsync(instance.Self)).Property("processVersion").GetInt32());
    }

    [Fact]
    public async Task Issue19_StaleIfMatch_Is412()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(MigrationModels.V1);
        var started = await hal.StartAsync(MigrationModels.Key, new { });
        await hal.DeployAsync(MigrationModels.Model());
        var instance = await hal.GetAsync(started.Self);
        var etag = await ETagAsync(hal, instance.Self);
        Assert.Equal(HttpStatusCode.OK, (await hal.SubmitAsync(instance, "suspend")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hal.SubmitAsync(await hal.GetAsync(instance.Self), "resume")).StatusCode);

        using var stale = await hal.SubmitAsync(instance, "migrate", new { targetVersion = 2 }, r => r.Headers.IfMatch.Add(etag));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(1, (await hal.GetAsync(instance.Self)).Property("processVersion").GetInt32());
    }

    [Fact]
    public async Task Issue19_NonOperator_SeesNoMigrateTemplate_AndIsForbidden()
    {
        // Arrange: ann (no group) starts an instance she may see, but she is no operator.
        var admin = _server.Hal();
        await admin.DeployAsync(MigrationModels.V1);
        await admin.DeployAsync(MigrationModels.Model());
        await IdentityTestUsers.AddAsync(_server, "ann");
        var ann = _server.HalAs("ann", IdentityTestUsers.Password);
        var process = await ann.GetAsync("/processes/" + MigrationModels.Key + "/versions/1");
        using var start = await ann.SubmitAsync(process, "start", new { });
        var instance = await ann.GetAsync(start.Headers.Location!.OriginalString);

        // Act
        using var direct = await ann.Http.PostAsync(instance.Self + "/migration", JsonBody(new { targetVersion = 2 }));
        using var bulk = await ann.Http.PostAsync("/processes/" + MigrationModels.Key + "/versions/1/migration", JsonBody(new { targetVersion = 2 }));

        // Assert
        Assert.False(instance.HasTemplate("migrate"));
        Assert.False(process.HasTemplate("migrate"));
        Assert.True((await admin.GetAsync(instance.Self)).HasTemplate("migrate"));
        Assert.True((await admin.GetAsync(process.Self)).HasTemplate("migrate"));
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        Assert.Equal(1, (await admin.GetAsync(instance.Self)).Property("processVersion").GetInt32());
    }

    [Fact]
    public async Task Issue19_ProcessVersionMigrate_MovesWhatItSelects_AndReportsEachRefusal()
    {
        // Arrange: two instances of v1.
        var hal = _server.Hal();
        await hal.DeployAsync(MigrationModels.V1);
        var first = await hal.StartAsync(MigrationModels.Key, new { });
        var second = await hal.StartAsync(MigrationModels.Key, new { });
        await hal.DeployAsync(MigrationModels.V2);
        var version1 = await hal.GetAsync("/processes/" + MigrationModels.Key + "/versions/1");

        // Act: without the mapping both are refused; with it and a limit of one, one moves and more are left.
        using var refused = await hal.SubmitAsync(version1, "migrate", new { targetVersion = 2 });
        using var one = await hal.SubmitAsync(version1, "migrate", new { targetVersion = 2, mapping = "review=check", limit = 1 });
        using var rest = await hal.SubmitAsync(version1, "migrate", new { targetVersion = 2, mapping = new { review = "check" } });

        // Assert
        var none = await HalClient.ReadAsync(refused);
        Assert.Equal((2, 0, 2), (none.Property("selected").GetInt32(), none.Property("migrated").GetInt32(), none.Property("failed").GetInt32()));
        Assert.All(none.Property("failures").EnumerateArray(), f => Assert.Equal("MIGRATION_INVALID", f.GetProperty("code").GetString()));
        var partial = await HalClient.ReadAsync(one);
        Assert.Equal((1, true), (partial.Property("migrated").GetInt32(), partial.Property("more").GetBoolean()));
        var last = await HalClient.ReadAsync(rest);
        Assert.Equal((1, false), (last.Property("migrated").GetInt32(), last.Property("more").GetBoolean()));
        foreach (var instance in new[] { first, second })
        {
            Assert.Equal(2, (await hal.GetAsync(instance.Self)).Property("processVersion").GetInt32());
        }
    }

    [Fact]
    public async Task Issue19_Browser_MigratesThroughTheInstanceForm()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(MigrationModels.V1);
        var instance = await hal.StartAsync(MigrationModels.Key, new { });
        await hal.DeployAsync(MigrationModels.V2);
        var browser = new HtmlClient(_server);
        var page = await browser.PageAsync(instance.Self);
        Assert.NotNull(page.QuerySelector("form#migrate select[name=targetVersion] option[value='2']"));

        var response = await browser.SubmitAsync(page, "form#migrate", new Dictionary<string, string> { ["targetVersion"] = "2", ["mapping.review"] = "check" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(2, (await hal.GetAsync(instance.Self)).Property("processVersion").GetInt32());
    }

    private static StringContent JsonBody(object values) => new(JsonSerializer.Serialize(values), System.Text.Encoding.UTF8, "application/json");

    private static async Task<EntityTagHeaderValue> ETagAsync(HalClient hal, string href)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, href);
        get.Headers.Accept.ParseAdd("application/hal+json");
        using var response = await hal.Http.SendAsync(get);
        return response.Headers.ETag!;
    }
}
