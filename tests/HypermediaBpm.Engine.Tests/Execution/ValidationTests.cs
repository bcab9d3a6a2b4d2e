using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class ValidationTests
{
    [Fact]
    public async Task Deploy_UnsupportedElementAndBadCondition_ReportsBothWithLineAndColumn()
    {
        await using var h = await EngineHarness.CreateAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => h.DeployAsync("unsupported-and-invalid"));

        Assert.Equal("BPMN_INVALID", error.Code);
        var unsupported = Assert.Single(error.Errors, e => e.Code == "UNSUPPORTED_ELEMENT");
        Assert.Equal("adhoc", unsupported.Element);
        Assert.Equal(9, unsupported.Line);
        Assert.True(unsupported.Column > 0);
        var condition = Assert.Single(error.Errors, e => e.Code == "CONDITION_INVALID");
        Assert.Equal("bad", condition.Element);
        Assert.Equal(7, condition.Line);
        var versions = await h.Store.GetDefinitionVersionsAsync("unsupported-and-invalid", CancellationToken.None);
        Assert.Empty(versions);
    }

    [Fact]
    public async Task Start_WrongFormTypes_NamesEveryBadField()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("user-task-with-form");

        var error = await Assert.ThrowsAsync<ValidationException>(() => h.StartAsync(key, new Dictionary<string, object?>
        {
            ["amount"] = "lots", ["kind"] = "z", ["due"] = "tomorrow", ["urgent"] = "maybe",
        }));

        Assert.Equal("INVALID_FORM_INPUT", error.Code);
        Assert.Equal(["amount", "due", "kind", "urgent"], error.Errors.Select(e => e.Field).Order());
        var all = await h.Store.QueryInstancesAsync(new Engine.Persistence.InstanceQuery(new Engine.Persistence.PageRequest(10)), CancellationToken.None);
        Assert.Equal(0, all.Total);
    }

    [Fact]
    public async Task Start_MissingRequiredField_IsRefused()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("user-task-with-form");

        var error = await Assert.ThrowsAsync<ValidationException>(() => h.StartAsync(key));

        Assert.Equal("amount", Assert.Single(error.Errors).Field);
        Assert.Equal("FIELD_REQUIRED", error.Errors[0].Code);
    }

    [Fact]
    public async Task Deploy_SameKeyTwice_IncrementsVersion()
    {
        await using var h = await EngineHarness.CreateAsync();

        await h.DeployAsync("straight-through");
        await h.DeployAsync("straight-through");

        var latest = await h.Engine.GetLatestDefinitionAsync("straight-through", CancellationToken.None);
        Assert.Equal(2, latest.Version);
    }
}
