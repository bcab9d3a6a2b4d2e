namespace HypermediaBpm.Engine.Persistence;

/// <summary>The deployed process definitions: their versions, their BPMN documents byte for byte, and deleting a process. Part of <see cref="IEngineStore"/>.</summary>
public interface IDefinitionStore
{
    /// <summary>
    /// Adds a definition. When <see cref="NewDefinition.Version"/> is null the next version of its key is
    /// assigned atomically. Throws <see cref="Errors.DuplicateVersionException"/> when that version exists.
    /// </summary>
    Task<DefinitionRecord> AddDefinitionAsync(NewDefinition definition, CancellationToken cancellationToken);

    Task<DefinitionRecord?> GetDefinitionAsync(string id, CancellationToken cancellationToken);

    /// <summary>The BPMN document of a definition, byte for byte as it was added; null when there is no such definition.</summary>
    Task<byte[]?> GetDefinitionSourceAsync(string id, CancellationToken cancellationToken);

    Task<DefinitionRecord?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken);

    /// <summary>All versions of one process key, newest first; descriptions cut as <see cref="DefinitionRecord.Description"/> says.</summary>
    Task<IReadOnlyList<DefinitionRecord>> GetDefinitionVersionsAsync(string key, CancellationToken cancellationToken);

    /// <summary>The latest version of every process key, ordered by key; descriptions cut as <see cref="DefinitionRecord.Description"/> says.</summary>
    Task<Page<DefinitionRecord>> QueryLatestDefinitionsAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every version of a process with its ended instances, their tasks and history, in one
    /// transaction. Returns false (and deletes nothing) while an instance of it is not ended.
    /// </summary>
    Task<bool> DeleteProcessAsync(string key, CancellationToken cancellationToken);
}
