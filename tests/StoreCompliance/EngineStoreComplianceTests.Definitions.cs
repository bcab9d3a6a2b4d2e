using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task AddDefinitionAsync_NoVersion_AssignsNextVersionPerKey()
    {
        // Arrange
        await DeployAsync("other");

        // Act
        var first = await DeployAsync("invoice");
        var second = await DeployAsync("invoice");
        var third = await DeployAsync("invoice");

        // Assert
        Assert.Equal([1, 2, 3], new[] { first.Version, second.Version, third.Version });
        Assert.Equal(3, new[] { first.Id, second.Id, third.Id }.Distinct().Count());
    }

    [Fact]
    public async Task AddDefinitionAsync_ExplicitVersion_KeepsItAndContinuesAfterIt()
    {
        // Arrange
        var explicitVersion = await DeployAsync("invoice", version: 5);

        // Act
        var next = await DeployAsync("invoice");

        // Assert
        Assert.Equal(5, explicitVersion.Version);
        Assert.Equal(6, next.Version);
    }

    [Fact]
    public async Task AddDefinitionAsync_ExistingExplicitVersion_ThrowsDuplicateVersion()
    {
        // Arrange
        await DeployAsync("invoice");
        await DeployAsync("invoice");

        // Act
        var error = await Assert.ThrowsAsync<DuplicateVersionException>(() => DeployAsync("invoice", version: 2));

        // Assert
        Assert.Equal("VERSION_EXISTS", error.Code);
        Assert.Equal(2, (await Store.GetDefinitionVersionsAsync("invoice", Ct)).Count);
    }

    [Fact]
    public async Task AddDefinitionAsync_ManyAtOnceWithoutVersion_AssignsDistinctConsecutiveVersions()
    {
        // Arrange
        var deployments = Enumerable.Range(0, 20).Select(_ => DeployAsync("busy"));

        // Act
        var records = await Task.WhenAll(deployments);

        // Assert
        Assert.Equal(Enumerable.Range(1, 20), records.Select(r => r.Version).Order());
    }

    [Fact]
    public async Task GetDefinitionAsync_ById_RoundTripsEveryField()
    {
        // Arrange
        var added = await Store.AddDefinitionAsync(
            new NewDefinition("invoice", null, "Invoice approval", System.Text.Encoding.UTF8.GetBytes("<definitions>ü &amp; ✓</definitions>"), null,
                new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9999999 - 1)), Ct);

        // Act
        var read = await Store.GetDefinitionAsync(added.Id, Ct);

        // Assert
        Assert.Equal(added, read);
        Assert.Equal(added.CreatedAt, read!.UpdatedAt);
        Assert.Null(await Store.GetDefinitionAsync("missing", Ct));
    }

    [Fact]
    public async Task GetDefinitionSourceAsync_BytesInAnyEncoding_ComeBackByteForByte()
    {
        // Arrange: ISO-8859-1 with é as the single byte 0xE9 (not UTF-8), and UTF-16 with its byte order mark.
        byte[] latin1 = [.. "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><definitions name=\""u8, 0xE9, .. "\"/>"u8];
        byte[] utf16 = [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("<definitions name=\"é\"/>")];
        var first = await Store.AddDefinitionAsync(Samples.Definition("latin") with { Source = latin1 }, Ct);
        var second = await Store.AddDefinitionAsync(Samples.Definition("wide") with { Source = utf16 }, Ct);

        // Act
        var readFirst = await Store.GetDefinitionSourceAsync(first.Id, Ct);
        var readSecond = await Store.GetDefinitionSourceAsync(second.Id, Ct);

        // Assert
        Assert.Equal(latin1, readFirst);
        Assert.Equal(utf16, readSecond);
        Assert.Null(await Store.GetDefinitionSourceAsync("missing", Ct));
    }

    [Fact]
    public async Task Lists_LongDescription_AreCutButTheDefinitionItselfKeepsIt()
    {
        // Arrange
        var description = new string('d', 10_000);
        var added = await Store.AddDefinitionAsync(Samples.Definition("documented") with { Description = description }, Ct);
        var shortOne = await Store.AddDefinitionAsync(Samples.Definition("brief") with { Description = new string('b', DefinitionRecord.ListedDescriptionLength) }, Ct);

        // Act
        var latest = await Store.QueryLatestDefinitionsAsync(new PageRequest(10), Ct);
        var versions = await Store.GetDefinitionVersionsAsync("documented", Ct);
        var whole = await Store.GetDefinitionAsync(added.Id, Ct);

        // Assert
        var listed = Assert.Single(latest.Items, d => d.Key == "documented").Description!;
        Assert.Equal(DefinitionRecord.ListedDescriptionLength, listed.Length);
        Assert.Equal(description[..(DefinitionRecord.ListedDescriptionLength - 1)] + "…", listed);
        Assert.Equal(listed, Assert.Single(versions).Description);
        Assert.Equal(shortOne.Description, Assert.Single(latest.Items, d => d.Key == "brief").Description);
        Assert.Equal(description, whole!.Description);
    }

    [Fact]
    public async Task GetLatestDefinitionAsync_SeveralVersions_ReturnsHighest()
    {
        // Arrange
        await DeployAsync("invoice");
        await DeployAsync("invoice", version: 7);
        await DeployAsync("invoice", version: 3);

        // Act
        var latest = await Store.GetLatestDefinitionAsync("invoice", Ct);
        var missing = await Store.GetLatestDefinitionAsync("nothing", Ct);

        // Assert
        Assert.Equal(7, latest!.Version);
        Assert.Null(missing);
    }

    [Fact]
    public async Task GetDefinitionVersionsAsync_SeveralVersions_NewestFirst()
    {
        // Arrange
        await DeployAsync("invoice", version: 2);
        await DeployAsync("invoice");
        await DeployAsync("invoice", version: 1);
        await DeployAsync("other");

        // Act
        var versions = await Store.GetDefinitionVersionsAsync("invoice", Ct);

        // Assert
        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal("invoice", v.Key));
        Assert.Empty(await Store.GetDefinitionVersionsAsync("nothing", Ct));
    }

    [Fact]
    public async Task QueryLatestDefinitionsAsync_25KeysWalkedBy10_YieldsLatestOfEachKeyOnceByKey()
    {
        // Arrange
        var keys = Enumerable.Range(0, 25).Select(i => $"process-{i:D2}").ToList();
        foreach (var key in keys.AsEnumerable().Reverse())
        {
            await DeployAsync(key);
            await DeployAsync(key);
        }

        // Act
        var pages = new List<Page<DefinitionRecord>>();
        var request = new PageRequest(10);
        do
        {
            pages.Add(await Store.QueryLatestDefinitionsAsync(request, Ct));
            request = new PageRequest(10, After: pages[^1].LastKey);
        }
        while (pages[^1].HasNext);
        var backFromEnd = await Store.QueryLatestDefinitionsAsync(new PageRequest(10, FromEnd: true), Ct);
        var before = await Store.QueryLatestDefinitionsAsync(new PageRequest(10, Before: backFromEnd.FirstKey), Ct);

        // Assert
        Assert.Equal(keys, pages.SelectMany(p => p.Items).Select(d => d.Key));
        Assert.All(pages.SelectMany(p => p.Items), d => Assert.Equal(2, d.Version));
        Assert.Equal([10, 10, 5], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal([false, true, true], pages.Select(p => p.HasPrevious));
        Assert.Equal([true, true, false], pages.Select(p => p.HasNext));
        Assert.Equal(keys[15..], backFromEnd.Items.Select(d => d.Key));
        Assert.Equal(keys[5..15], before.Items.Select(d => d.Key));
        Assert.True(before.HasPrevious);
        Assert.True(before.HasNext);
        Assert.Equal("process-05", before.KeyOf(before.Items[0]));
    }
}
