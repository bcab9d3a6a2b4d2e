using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>Lists sorted by an indexed field: keyset pages in (value, id) order both ways, no row twice, none left out.</summary>
public abstract partial class EngineStoreComplianceTests
{
    private static readonly string?[] BusinessKeys = ["k07", null, "k02", "k07", "k11", null, "k02", "k05"];
    private static readonly string[] States = ["running", "suspended", "completed"];

    /// <summary>25 instances of "sorted" (business keys and states repeating, so ties fall to the id) and 2 of "noise".</summary>
    private async Task<List<InstanceSummary>> StartSortedAsync()
    {
        var sorted = await DeployAsync("sorted");
        var noise = await DeployAsync("noise");
        var all = new List<InstanceSummary>();
        for (var i = 0; i < 25; i++)
        {
            all.Add(await StartAsync(sorted, States[i % States.Length], BusinessKeys[i % BusinessKeys.Length]));
            if (i % 12 == 0)
            {
                await StartAsync(noise, businessKey: "a00");
            }
        }

        return all;
    }

    /// <summary>25 tasks of one instance: names repeating, due dates spread (every third without one), created in order.</summary>
    private async Task<List<TaskRecord>> AddSortedTasksAsync()
    {
        var definition = await DeployAsync("tasks-sorted");
        var instance = await StartAsync(definition);
        var tasks = new List<TaskRecord>();
        for (var i = 0; i < 25; i++)
        {
            var due = i % 3 == 0 ? (DateTimeOffset?)null : new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddHours((i * 7) % 11);
            tasks.Add(Samples.Task(instance) with { Name = $"task {(i * 5) % 8:00}", DueAt = due });
        }

        await Store.CommitAsync(StoreSamples.Changes(tasks: tasks), Ct);
        return tasks;
    }

    private static List<T> Expected<T>(IEnumerable<T> rows, Func<T, IComparable> value, Func<T, string> id, bool descending)
    {
        // Text compares by code point, as both stores' indexes do for these ASCII values.
        var ordinal = Comparer<IComparable>.Create(static (a, b) => a is string x && b is string y ? string.CompareOrdinal(x, y) : a.CompareTo(b));
        var ordered = rows.OrderBy(value, ordinal).ThenBy(id, StringComparer.Ordinal);
        return descending ? [.. ordered.Reverse()] : [.. ordered];
    }

    /// <summary>Every page forward by <paramref name="size"/>, then every page backward from the end: both must be <paramref name="expected"/>.</summary>
    private static async Task AssertWalksAsync<T>(Func<PageRequest, Task<Page<T>>> read, IReadOnlyList<string> expected, Func<T, string> id, int size)
    {
        var forward = new List<Page<T>> { await read(new PageRequest(size)) };
        while (forward[^1].HasNext)
        {
            forward.Add(await read(new PageRequest(size, After: forward[^1].LastKey)));
        }

        var backward = new List<Page<T>> { await read(new PageRequest(size, FromEnd: true)) };
        while (backward[^1].HasPrevious)
        {
            backward.Add(await read(new PageRequest(size, Before: backward[^1].FirstKey)));
        }

        backward.Reverse();
        Assert.Equal(expected, forward.SelectMany(p => p.Items).Select(id));
        Assert.Equal(expected, backward.SelectMany(p => p.Items).Select(id));
        Assert.True(forward.Count > 2, "the walk should cross several pages");
        Assert.All(forward, p => Assert.Equal(expected.Count, p.Total));
        Assert.False(forward[0].HasPrevious);
        Assert.All(forward.Skip(1), p => Assert.True(p.HasPrevious));
    }

    [Theory]
    [InlineData("started", false)]
    [InlineData("started", true)]
    [InlineData("businessKey", false)]
    [InlineData("businessKey", true)]
    [InlineData("state", false)]
    [InlineData("state", true)]
    public async Task Issue16_QueryInstancesAsync_Sorted_WalksEveryRowOnceInSortOrderBothWays(string field, bool descending)
    {
        // Arrange
        var all = await StartSortedAsync();
        Func<InstanceSummary, IComparable> value = field switch
        {
            "started" => i => i.StartedAt,
            "businessKey" => i => i.BusinessKey ?? string.Empty,
            _ => i => i.State,
        };
        var expected = Expected(all, value, i => i.Id, descending).Select(i => i.Id).ToList();
        var sort = new ListSort(field, descending);

        // Act + Assert
        await AssertWalksAsync(
            page => Store.QueryInstancesAsync(new InstanceQuery(page, ProcessKey: "sorted") { Sort = sort }, Ct), expected, i => i.Id, 7);
    }

    [Theory]
    [InlineData("created", false)]
    [InlineData("created", true)]
    [InlineData("due", false)]
    [InlineData("due", true)]
    [InlineData("name", false)]
    [InlineData("name", true)]
    public async Task Issue16_QueryTasksAsync_Sorted_WalksEveryRowOnceInSortOrderBothWays(string field, bool descending)
    {
        // Arrange
        var all = await AddSortedTasksAsync();
        Func<TaskRecord, IComparable> value = field switch
        {
            "created" => t => t.CreatedAt,
            "due" => t => t.DueAt?.UtcTicks ?? ListSort.NoDueDate,
            _ => t => t.Name,
        };
        var expected = Expected(all, value, t => t.Id, descending).Select(t => t.Id).ToList();
        var sort = new ListSort(field, descending);

        // Act + Assert
        await AssertWalksAsync(
            page => Store.QueryTasksAsync(new TaskQuery(page, InstanceId: all[0].InstanceId) { Sort = sort }, Ct), expected, t => t.Id, 6);
    }

    [Fact]
    public async Task Issue16_QueryTasksAsync_DueBefore_ListsOnlyTasksDueByThen_AndReadsTheDueDateBack()
    {
        // Arrange
        var all = await AddSortedTasksAsync();
        var cutoff = new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero);

        // Act
        var page = await Store.QueryTasksAsync(
            new TaskQuery(new PageRequest(50), InstanceId: all[0].InstanceId) { DueBefore = cutoff, Sort = new ListSort("due", false) }, Ct);

        // Assert
        var expected = Expected(all.Where(t => t.DueAt <= cutoff), t => t.DueAt!.Value, t => t.Id, false).Select(t => (t.Id, t.DueAt)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Items.Select(t => (t.Id, t.DueAt)));
        Assert.Equal(expected.Count, page.Total);
        Assert.Equal(all[1].DueAt, (await Store.GetTaskAsync(all[1].Id, Ct))!.DueAt);
        Assert.Null((await Store.GetTaskAsync(all[0].Id, Ct))!.DueAt);
    }
}
