using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

/// <summary>The definition area's public face; the commands themselves are <see cref="Commanding.DefinitionCommands"/>.</summary>
public sealed partial class ProcessEngine
{
    /// <summary>
    /// Validates and stores a BPMN model given as text (see <see cref="BpmnSource.FromText"/> for the bytes kept).
    /// </summary>
    public Task<DefinitionRecord> DeployAsync(string bpmnXml, string? name, int? version, string? expectedKey, CancellationToken cancellationToken) =>
        _definitionCommands.DeployAsync(BpmnSource.FromText(bpmnXml), name, version, expectedKey, executable: true, cancellationToken);

    /// <summary>
    /// Validates and stores a BPMN model as a new version of its process (key = the process id), keeping its bytes
    /// as they are. Throws <see cref="ModelTooLargeException"/> for a model over <see cref="EngineOptions.MaxModelBytes"/>
    /// and <see cref="ValidationException"/> listing every problem, located; stores nothing then.
    /// </summary>
    /// <param name="expectedKey">When set (a PUT to an existing process), the model's process id must equal it.</param>
    public Task<DefinitionRecord> DeployAsync(BpmnSource source, string? name, int? version, string? expectedKey, CancellationToken cancellationToken) =>
        _definitionCommands.DeployAsync(source, name, version, expectedKey, executable: true, cancellationToken);

    /// <summary>
    /// Like <see cref="DeployAsync(BpmnSource, string?, int?, string?, CancellationToken)"/>; with
    /// <paramref name="executable"/> false the model is kept for documentation only (see <see cref="DocumentationModels"/>):
    /// checked only for what stops it from being read, given no start subscriptions, and never started.
    /// </summary>
    public Task<DefinitionRecord> DeployAsync(
        BpmnSource source, string? name, int? version, string? expectedKey, bool executable, CancellationToken cancellationToken) =>
        _definitionCommands.DeployAsync(source, name, version, expectedKey, executable, cancellationToken);

    /// <summary>Checks a model without storing it (what a deploy would say).</summary>
    public ValidatedModel Validate(string bpmnXml) => _definitionCommands.Validate(bpmnXml);

    public Task<DeployedProcess> GetDeployedAsync(string definitionId, CancellationToken cancellationToken) =>
        _definitionCommands.GetDeployedAsync(definitionId, cancellationToken);

    /// <summary>The BPMN document of a definition, byte for byte as it was deployed.</summary>
    public Task<BpmnSource> GetSourceAsync(string definitionId, CancellationToken cancellationToken) =>
        _definitionCommands.GetSourceAsync(definitionId, cancellationToken);

    public Task<DefinitionRecord> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken) =>
        _definitionCommands.GetLatestAsync(key, cancellationToken);

    public Task<DefinitionRecord> GetDefinitionVersionAsync(string key, int version, CancellationToken cancellationToken) =>
        _definitionCommands.GetVersionAsync(key, version, cancellationToken);

    /// <summary>Removes a process with every version; refused (409) while any of its instances has not ended.</summary>
    public Task DeleteProcessAsync(string key, CancellationToken cancellationToken) => _definitionCommands.DeleteProcessAsync(key, cancellationToken);
}
