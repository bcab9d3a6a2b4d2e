namespace HypermediaBpm.Engine.Batches;

/// <summary>The batch operations this server knows, by name (one class each, registered with the service collection).</summary>
public sealed class BatchOperations(IEnumerable<IBatchOperation> operations)
{
    private readonly Dictionary<string, IBatchOperation> _byName = operations.ToDictionary(o => o.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IBatchOperation> All => _byName.Values;

    public IBatchOperation? Find(string? name) => name is null ? null : _byName.GetValueOrDefault(name);
}
