using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>
/// What every <see cref="IEngineStore"/> must do. A store's test class subclasses this and says how to open
/// a store on an empty database; every test here then runs against it. Store-specific checks (files,
/// pragmas, connection strings) belong in the subclass.
/// </summary>
public abstract partial class EngineStoreComplianceTests : IAsyncLifetime
{
    private readonly List<IEngineStore> _opened = [];

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>The store under test, initialized on an empty database.</summary>
    protected IEngineStore Store { get; private set; } = null!;

    protected StoreSamples Samples { get; } = new();

    public async Task InitializeAsync() => Store = Track(await CreateStoreAsync());

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await CloseStoreAsync(store);
        }

        await CleanupAsync();
    }

    /// <summary>A new, initialized store on a new, empty database for this test.</summary>
    protected abstract Task<IEngineStore> CreateStoreAsync();

    /// <summary>Another initialized store object on the database of <see cref="CreateStoreAsync"/>, as a second server process would open it.</summary>
    protected abstract Task<IEngineStore> OpenSameDatabaseAsync();

    /// <summary>Releases what the test's databases hold (files, schemas); runs after every store is closed.</summary>
    protected virtual Task CleanupAsync() => Task.CompletedTask;

    protected virtual async Task CloseStoreAsync(IEngineStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>Opens a second store object on the same database and closes it with the test.</summary>
    protected async Task<IEngineStore> OpenSecondStoreAsync() => Track(await OpenSameDatabaseAsync());

    protected Task<DefinitionRecord> DeployAsync(string key, int? version = null, IEngineStore? store = null) =>
        (store ?? Store).AddDefinitionAsync(Samples.Definition(key, version), Ct);

    protected async Task<InstanceSummary> StartAsync(DefinitionRecord definition, string state = "running", string? businessKey = null, IEngineStore? store = null)
    {
        var instance = Samples.Instance(definition, state, businessKey);
        await (store ?? Store).CommitAsync(StoreSamples.Changes([StoreSamples.Insert(instance)]), Ct);
        return instance;
    }

    protected async Task<InstanceSummary> MoveAsync(InstanceSummary current, string state)
    {
        var write = Samples.Update(current, state);
        await Store.CommitAsync(StoreSamples.Changes([write]), Ct);
        return write.Summary;
    }

    protected async Task<List<T>> ReadAllAsync<T>(Func<PageRequest, Task<Page<T>>> query)
    {
        var items = new List<T>();
        var request = new PageRequest(PageRequest.MaxSize);
        while (true)
        {
            var page = await query(request);
            items.AddRange(page.Items);
            if (!page.HasNext)
            {
                return items;
            }

            request = new PageRequest(PageRequest.MaxSize, After: page.LastKey);
        }
    }

    private IEngineStore Track(IEngineStore store)
    {
        _opened.Add(store);
        return store;
    }
}
