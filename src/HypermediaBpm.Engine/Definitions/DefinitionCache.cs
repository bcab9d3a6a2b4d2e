using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>
/// Parsed definitions by id. Definitions never change once deployed, so caching them holds no instance state and is
/// safe across server processes. The cache is bounded by an estimate of the memory its entries take, not by their
/// number: a thousand small models and one huge model weigh what they cost. The least recently used go first; a
/// definition larger than the whole budget is built for each use and never kept.
/// </summary>
/// <param name="capacityBytes">The budget, in estimated bytes (<see cref="EngineOptions.DefinitionCacheBytes"/>).</param>
public sealed class DefinitionCache(IEngineStore store, DeploymentValidator validator, long capacityBytes)
{
    /// <summary>
    /// Parsed bytes per source byte. Measured on this parser: a model whose bulk is one long text keeps about 2 bytes
    /// per source byte (the text as UTF-16), a dense model of thousands of small elements up to 11; the estimate
    /// takes the high end so that the budget is not overrun by dense models.
    /// </summary>
    private const long BytesPerSourceByte = 12;

    /// <summary>What even the smallest definition costs (its model objects, compiled expressions, structure).</summary>
    private const long BytesPerEntry = 4096;

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byId = new(StringComparer.Ordinal);

    /// <summary>Most recently used first.</summary>
    private readonly LinkedList<Entry> _recency = new();

    private long _bytes;

    /// <summary>The estimated bytes held now (at most the budget).</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>How many definitions are held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>The estimated memory of a parsed definition whose source has <paramref name="sourceBytes"/> bytes.</summary>
    public static long EstimatedBytes(long sourceBytes) => BytesPerEntry + (sourceBytes * BytesPerSourceByte);

    public async Task<DeployedProcess> GetAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(definitionId, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Process;
            }
        }

        var record = await store.GetDefinitionAsync(definitionId, cancellationToken).ConfigureAwait(false);
        var source = record is null ? null : await store.GetDefinitionSourceAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (record is null || source is null)
        {
            throw new NotFoundException("PROCESS_NOT_FOUND", $"Process definition '{definitionId}' does not exist.",
                new Dictionary<string, object?> { ["definition"] = definitionId });
        }

        return Add(validator.Build(record, BpmnSource.FromBytes(source)), source.Length);
    }

    /// <summary>Keeps a definition (unless it alone exceeds the budget), evicting the least recently used to make room.</summary>
    /// <returns>The definition kept for its id: an equal one already there wins, so every caller shares one instance.</returns>
    public DeployedProcess Add(DeployedProcess process, long sourceBytes)
    {
        var weight = EstimatedBytes(sourceBytes);
        lock (_gate)
        {
            if (_byId.TryGetValue(process.Record.Id, out var existing))
            {
                _recency.Remove(existing);
                _recency.AddFirst(existing);
                return existing.Value.Process;
            }

            if (weight > capacityBytes)
            {
                return process;
            }

            while (_bytes + weight > capacityBytes && _recency.Last is { } oldest)
            {
                Remove(oldest);
            }

            _byId[process.Record.Id] = _recency.AddFirst(new Entry(process, weight));
            _bytes += weight;
            return process;
        }
    }

    /// <summary>Drops every version of a process (it was deleted).</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            foreach (var node in _byId.Values.Where(n => n.Value.Process.Record.Key == key).ToList())
            {
                Remove(node);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _byId.Remove(node.Value.Process.Record.Id);
        _bytes -= node.Value.Weight;
    }

    private sealed record Entry(DeployedProcess Process, long Weight);
}
