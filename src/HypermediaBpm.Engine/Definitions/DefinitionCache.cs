using System.Collections.Concurrent;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>
/// Parsed definitions by id. Definitions never change once deployed, so caching them holds no instance
/// state and is safe across server processes; the cache is bounded so memory stays flat.
/// </summary>
public sealed class DefinitionCache(IEngineStore store, DeploymentValidator validator, int capacity = 1024)
{
    private readonly ConcurrentDictionary<string, DeployedProcess> _byId = new(StringComparer.Ordinal);

    public async Task<DeployedProcess> GetAsync(string definitionId, CancellationToken cancellationToken)
    {
        if (_byId.TryGetValue(definitionId, out var cached))
        {
            return cached;
        }

        var record = await store.GetDefinitionAsync(definitionId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("PROCESS_NOT_FOUND", $"Process definition '{definitionId}' does not exist.",
                new Dictionary<string, object?> { ["definition"] = definitionId });
        return Add(validator.Build(record));
    }

    public DeployedProcess Add(DeployedProcess process)
    {
        if (_byId.Count >= capacity)
        {
            _byId.Clear();
        }

        return _byId.GetOrAdd(process.Record.Id, process);
    }

    public void Forget(string key)
    {
        foreach (var id in _byId.Keys.Where(id => _byId.TryGetValue(id, out var p) && p.Record.Key == key))
        {
            _byId.TryRemove(id, out _);
        }
    }
}
