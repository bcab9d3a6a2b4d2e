using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    /// <summary>55 instances of "walk" and 3 of "noise"; returns the walk ids newest first (the natural order).</summary>
    private async Task<List<string>> Start55Async()
    {
        var walk = await DeployAsync("walk");
        var noise = await DeployAsync("noise");
        var ids = new List<string>();
        for (var i = 0; i < 55; i++)
        {
            ids.Add((await StartAsync(walk)).Id);
            if (i % 20 == 0)
            {
                await StartAsync(noise);
            }
        }

        ids.Reverse();
        return ids;
    }

    private Task<Page<InstanceSummary>> WalkPageAsync(PageRequest request) =>
        Store.QueryInstancesAsync(new InstanceQuery(request, ProcessKey: "walk"), Ct);

    [Fact]
    public async Task QueryInstancesAsync_WalkingForwardBy10_YieldsEachOf55OnceNewestFirst()
    {
        // Arrange
        var expected = await Start55Async();

        // Act
        var pages = new List<Page<InstanceSummary>> { await WalkPageAsync(new PageRequest(10)) };
        while (pages[^1].HasNext)
        {
            pages.Add(await WalkPageAsync(new PageRequest(10, After: pages[^1].LastKey)));
        }

        // Assert
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(i => i.Id));
        Assert.Equal([10, 10, 10, 10, 10, 5], pages.Select(p => p.Items.Count));
        Assert.Equal([false, true, true, true, true, true], pages.Select(p => p.HasPrevious));
        Assert.Equal([true, true, true, true, true, false], pages.Select(p => p.HasNext));
        Assert.All(pages, p => Assert.Equal(55, p.Total));
        Assert.Equal(pages[0].Items[0].Id, pages[0].FirstKey);
    }

    [Fact]
    public async Task QueryInstancesAsync_WalkingBackwardFromEndBy10_YieldsEachOf55OnceInOrder()
    {
        // Arrange
        var expected = await Start55Async();

        // Act
        var pages = new List<Page<InstanceSummary>> { await WalkPageAsync(new PageRequest(10, FromEnd: true)) };
        while (pages[^1].HasPrevious)
        {
            pages.Add(await WalkPageAsync(new PageRequest(10, Before: pages[^1].FirstKey)));
        }

        pages.Reverse();

        // Assert
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(i => i.Id));
        Assert.Equal([5, 10, 10, 10, 10, 10], pages.Select(p => p.Items.Count));
        Assert.Equal([false, true, true, true, true, true], pages.Select(p => p.HasPrevious));
        Assert.Equal([true, true, true, true, true, false], pages.Select(p => p.HasNext));
        Assert.All(pages, p => Assert.Equal(55, p.Total));
    }

    [Fact]
    public async Task QueryInstancesAsync_FromEnd_ReturnsLastRowsInNaturalOrder()
    {
        // Arrange
        var expected = await Start55Async();

        // Act
        var page = await WalkPageAsync(new PageRequest(10, FromEnd: true));

        // Assert
        Assert.Equal(expected[45..], page.Items.Select(i => i.Id));
        Assert.True(page.HasPrevious);
        Assert.False(page.HasNext);
    }

    [Fact]
    public async Task QueryInstancesAsync_BeforeTheFirstAndAfterTheLastRow_ReturnEmptyPagesPointingBack()
    {
        // Arrange
        var expected = await Start55Async();

        // Act
        var beforeFirst = await WalkPageAsync(new PageRequest(10, Before: expected[0]));
        var afterLast = await WalkPageAsync(new PageRequest(10, After: expected[^1]));

        // Assert
        Assert.Empty(beforeFirst.Items);
        Assert.False(beforeFirst.HasPrevious);
        Assert.True(beforeFirst.HasNext);
        Assert.Empty(afterLast.Items);
        Assert.True(afterLast.HasPrevious);
        Assert.False(afterLast.HasNext);
        Assert.Null(afterLast.FirstKey);
    }

    [Fact]
    public async Task QueryInstancesAsync_AfterAndBeforeAMiddleKey_AreStrictlyBeyondIt()
    {
        // Arrange
        var expected = await Start55Async();

        // Act
        var after = await WalkPageAsync(new PageRequest(3, After: expected[20]));
        var before = await WalkPageAsync(new PageRequest(3, Before: expected[20]));

        // Assert
        Assert.Equal(expected[21..24], after.Items.Select(i => i.Id));
        Assert.Equal(expected[17..20], before.Items.Select(i => i.Id));
        Assert.True(after.HasPrevious && after.HasNext && before.HasPrevious && before.HasNext);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1000, PageRequest.MaxSize)]
    public async Task QueryInstancesAsync_SizeOutOfRange_IsClamped(int size, int expectedCount)
    {
        // Arrange
        var definition = await DeployAsync("many");
        for (var i = 0; i < PageRequest.MaxSize + 5; i++)
        {
            await StartAsync(definition);
        }

        // Act
        var page = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(size)), Ct);

        // Assert
        Assert.Equal(expectedCount, page.Items.Count);
        Assert.True(page.HasNext);
        Assert.Equal(PageRequest.MaxSize + 5, page.Total);
    }
}
