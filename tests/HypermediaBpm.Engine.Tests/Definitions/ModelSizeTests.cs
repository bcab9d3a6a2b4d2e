using System.Text;
using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Definitions;

/// <summary>Issue 13, finding 7: what a big model may cost the engine (deploy bound, id and name bounds, cache by bytes).</summary>
public sealed class ModelSizeTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Issue13_Deploy_ModelOverMaxModelBytes_ThrowsAndStoresNothing()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var engine = new ProcessEngine(h.Store, new EngineOptions { Clock = h.Clock, MaxModelBytes = 1_000 });
        var model = Model("sized", padding: 1_000);

        // Act
        var error = await Assert.ThrowsAsync<ModelTooLargeException>(() => engine.DeployAsync(BpmnSource.FromBytes(model), null, null, null, Ct));

        // Assert
        Assert.Equal("MODEL_TOO_LARGE", error.Code);
        Assert.Equal(1_000L, error.Context["limit"]);
        Assert.Equal((long)model.Length, error.Context["size"]);
        Assert.Empty(await h.Store.GetDefinitionVersionsAsync("sized", Ct));
    }

    [Fact]
    public async Task Issue13_Deploy_ModelAtMaxModelBytes_IsStored()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var model = Model("sized", padding: 100);
        var engine = new ProcessEngine(h.Store, new EngineOptions { Clock = h.Clock, MaxModelBytes = model.Length });

        // Act
        var record = await engine.DeployAsync(BpmnSource.FromBytes(model), null, null, null, Ct);

        // Assert
        Assert.Equal(model, await h.Store.GetDefinitionSourceAsync(record.Id, Ct));
    }

    [Fact]
    public async Task Issue13_Deploy_IdsAndNamesOverTheirBounds_AreRefusedLocated()
    {
        // Arrange: a 256-character process id and a 1 001-character task name.
        await using var h = await EngineHarness.CreateAsync();
        var longId = new string('p', ModelLimits.MaxIdLength + 1);
        var xml = Encoding.UTF8.GetString(Model(longId, padding: 0)).Replace("name=\"Work\"", $"name=\"{new string('n', ModelLimits.MaxNameLength + 1)}\"", StringComparison.Ordinal);

        // Act
        var error = await Assert.ThrowsAsync<ValidationException>(() => h.Engine.DeployAsync(xml, null, null, null, Ct));

        // Assert
        Assert.Equal("BPMN_INVALID", error.Code);
        var id = Assert.Single(error.Errors, e => e.Code == "ID_TOO_LONG");
        Assert.Equal(3, id.Line);
        Assert.True(id.Element!.Length < 100, "the error names the element by the start of its id");
        var name = Assert.Single(error.Errors, e => e.Code == "NAME_TOO_LONG");
        Assert.Equal("work", name.Element);
        Assert.Equal(5, name.Line);
        Assert.Empty((await h.Store.QueryLatestDefinitionsAsync(new PageRequest(10), Ct)).Items);
    }

    [Fact]
    public async Task Issue13_Deploy_GivenNameOverItsBound_IsRefusedByField()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var xml = Encoding.UTF8.GetString(Model("named", padding: 0));

        // Act
        var error = await Assert.ThrowsAsync<ValidationException>(
            () => h.Engine.DeployAsync(xml, new string('n', ModelLimits.MaxNameLength + 1), null, null, Ct));
        var atBound = await h.Engine.DeployAsync(xml, new string('n', ModelLimits.MaxNameLength), null, null, Ct);

        // Assert
        Assert.Equal("INVALID_INPUT", error.Code);
        Assert.Equal("name", Assert.Single(error.Errors).Field);
        Assert.Equal(ModelLimits.MaxNameLength, atBound.Name.Length);
    }

    [Fact]
    public async Task Issue13_DefinitionCache_OverItsBudget_EvictsTheLeastRecentlyUsed()
    {
        // Arrange: three definitions of the same size and room for two.
        await using var h = await EngineHarness.CreateAsync();
        var ids = new List<string>();
        foreach (var key in new[] { "a", "b", "c" })
        {
            ids.Add((await h.Engine.DeployAsync(BpmnSource.FromBytes(Model(key, padding: 10_000)), null, null, null, Ct)).Id);
        }

        var size = (await h.Store.GetDefinitionSourceAsync(ids[0], Ct))!.Length;
        var budget = 2 * DefinitionCache.EstimatedBytes(size);
        var cache = new DefinitionCache(h.Store, new DeploymentValidator(h.Engine.Behaviors), budget);
        var a = await cache.GetAsync(ids[0], Ct);
        var b = await cache.GetAsync(ids[1], Ct);
        Assert.Same(a, await cache.GetAsync(ids[0], Ct));

        // Act: a third one needs room; b was used least recently.
        var c = await cache.GetAsync(ids[2], Ct);

        // Assert
        Assert.Equal(2, cache.Count);
        Assert.Equal(budget, cache.Bytes);
        Assert.Same(a, await cache.GetAsync(ids[0], Ct));
        Assert.Same(c, await cache.GetAsync(ids[2], Ct));
        Assert.NotSame(b, await cache.GetAsync(ids[1], Ct));
        Assert.True(cache.Bytes <= budget);
    }

    [Fact]
    public async Task Issue13_DefinitionCache_DefinitionLargerThanTheBudget_IsBuiltButNotKept()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var id = (await h.Engine.DeployAsync(BpmnSource.FromBytes(Model("huge", padding: 50_000)), null, null, null, Ct)).Id;
        var cache = new DefinitionCache(h.Store, new DeploymentValidator(h.Engine.Behaviors), DefinitionCache.EstimatedBytes(50_000));

        // Act
        var first = await cache.GetAsync(id, Ct);
        var second = await cache.GetAsync(id, Ct);

        // Assert
        Assert.Equal("huge", first.Record.Key);
        Assert.NotSame(first, second);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public async Task Issue13_DefinitionCache_ForgetAfterDelete_ReleasesItsBytes()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var id = (await h.Engine.DeployAsync(BpmnSource.FromBytes(Model("gone", padding: 0)), null, null, null, Ct)).Id;
        var cache = new DefinitionCache(h.Store, new DeploymentValidator(h.Engine.Behaviors), EngineOptions.DefaultDefinitionCacheBytes);
        await cache.GetAsync(id, Ct);

        // Act
        cache.Forget("gone");

        // Assert
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    /// <summary>A runnable model with a user task named "Work" and an extension attribute of <paramref name="padding"/> characters.</summary>
    private static byte[] Model(string key, int padding) => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="{key}" isExecutable="true" camunda:padding="{new string('x', padding)}">
            <startEvent id="start" />
            <userTask id="work" name="Work" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """);
}
