using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.StoreCompliance;

namespace HypermediaBpm.Storage.Sqlite.Tests;

/// <summary>Issue 18: the writer binds a change set's values straight to its own statements; nothing may change on the way.</summary>
public sealed partial class SqliteEngineStoreTests
{
    [Fact]
    public async Task Issue18_ChangeSetWrittenByTheWriter_ReadsBackEveryValueAsGiven()
    {
        // Arrange: text beyond ASCII (a surrogate pair too), an empty string beside nulls, and more history rows
        // than one INSERT statement carries, so two statements of different shapes run in one change set.
        var definition = await DeployAsync("bind");
        var instance = Samples.Instance(definition, businessKey: "Zoë \"quoted\" 🚀");
        const string State = """{"v":2,"lastToken":0,"variables":{"name":"名前 🚀"},"tokens":[]}""";
        var history = Enumerable.Range(0, 19)
            .Select(i => Samples.History(instance, $"type-{i}", i % 2 == 0 ? null : $"Task_{i}") with
            {
                User = i == 3 ? string.Empty : i == 5 ? null : "ünïcode",
                DataJson = i == 7 ? null : $$"""{"i":{{i}},"long":{{long.MaxValue}}}""",
            })
            .ToList();

        // Act
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(instance, State)], history: history), Ct);

        // Assert
        var stored = await Store.GetInstanceAsync(instance.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(State, stored.StateJson);
        Assert.Equal("Zoë \"quoted\" 🚀", stored.Summary.BusinessKey);
        Assert.Null(stored.Summary.EndedAt);
        Assert.Equal(instance.StartedAt, stored.Summary.StartedAt);
        var read = (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(50), instance.Id), Ct)).Items.OrderBy(e => e.Sequence).ToList();
        Assert.Equal(history.Select(e => (e.Type, e.ActivityId, e.ActivityName, e.User, e.DataJson, e.Timestamp)),
            read.Select(e => (e.Type, e.ActivityId, e.ActivityName, e.User, e.DataJson, e.Timestamp)));
    }

    [Fact]
    public async Task Issue18_TextLongerThanTheBindBuffer_ReadsBackAsGiven()
    {
        // Arrange: a state of ~100 KB of text beyond ASCII, past the writer's per-thread UTF-8 buffer.
        var definition = await DeployAsync("long");
        var instance = Samples.Instance(definition);
        var state = $$"""{"v":2,"lastToken":0,"variables":{"text":"{{string.Concat(Enumerable.Repeat("Grüße 🚀 ", 10_000))}}"},"tokens":[]}""";

        // Act
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(instance, state)]), Ct);

        // Assert
        Assert.Equal(state, (await Store.GetInstanceAsync(instance.Id, Ct))!.StateJson);
    }

    [Fact]
    public async Task Issue18_UpdateAtAStaleRevision_IsRefusedAndWritesNothing()
    {
        // Arrange
        var instance = await StartAsync(await DeployAsync("stale"));
        var moved = await MoveAsync(instance, "suspended");

        // Act: the same update again, guarded by the revision it no longer has (the writer counts changed rows).
        var error = await Record.ExceptionAsync(() => Store.CommitAsync(
            StoreSamples.Changes([Samples.Update(instance, "completed")], history: [Samples.History(instance, "late")]), Ct));

        // Assert
        Assert.IsType<ConcurrencyConflictException>(error);
        var stored = await Store.GetInstanceAsync(instance.Id, Ct);
        Assert.Equal(("suspended", moved.Revision), (stored!.Summary.State, stored.Summary.Revision));
        Assert.DoesNotContain((await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(50), instance.Id), Ct)).Items, e => e.Type == "late");
    }
}
