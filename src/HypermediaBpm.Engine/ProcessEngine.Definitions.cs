using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>
    /// Validates and stores a BPMN model given as text (see <see cref="BpmnSource.FromText"/> for the bytes kept).
    /// </summary>
    public Task<DefinitionRecord> DeployAsync(string bpmnXml, string? name, int? version, string? expectedKey, CancellationToken cancellationToken) =>
        DeployAsync(BpmnSource.FromText(bpmnXml), name, version, expectedKey, cancellationToken);

    /// <summary>
    /// Validates and stores a BPMN model as a new version of its process (key = the process id), keeping its bytes
    /// as they are. Throws <see cref="ModelTooLargeException"/> for a model over <see cref="EngineOptions.MaxModelBytes"/>
    /// and <see cref="ValidationException"/> listing every problem, located; stores nothing then.
    /// </summary>
    /// <param name="expectedKey">When set (a PUT to an existing process), the model's process id must equal it.</param>
    public Task<DefinitionRecord> DeployAsync(BpmnSource source, string? name, int? version, string? expectedKey, CancellationToken cancellationToken) =>
        DeployAsync(source, name, version, expectedKey, executable: true, cancellationToken);

    /// <summary>
    /// Like <see cref="DeployAsync(BpmnSource, string?, int?, string?, CancellationToken)"/>; with
    /// <paramref name="executable"/> false the model is kept for documentation only (see <see cref="DocumentationModels"/>):
    /// checked only for what stops it from being read, given no start subscriptions, and never started.
    /// </summary>
    public async Task<DefinitionRecord> DeployAsync(
        BpmnSource source, string? name, int? version, string? expectedKey, bool executable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > _options.MaxModelBytes)
        {
            throw new ModelTooLargeException(source.Length, _options.MaxModelBytes);
        }

        var givenName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (ModelLimits.CheckGivenName(givenName) is { } nameError)
        {
            throw new ValidationException("INVALID_INPUT", nameError.Message, [nameError]);
        }

        var model = executable ? _validator.Validate(source) : DocumentationModels.Parse(source);
        var key = model.Process.Id;
        if (expectedKey is not null && key != expectedKey)
        {
            throw new ValidationException("PROCESS_KEY_MISMATCH",
                $"The model's process id is '{key}', but this is process '{expectedKey}'; a new version must keep the process id.",
                [new ValidationError("PROCESS_KEY_MISMATCH", $"Expected process id '{expectedKey}'.", "bpmn_xml", model.Process.Position.Line, model.Process.Position.Column, key)]);
        }

        var displayName = givenName ?? model.Process.DisplayName;
        List<SubscriptionRecord> starts = executable ? StartSubscriptions(model, key) : [];
        var record = await _store.AddDefinitionAsync(
            new NewDefinition(key, version, displayName, source.Bytes, model.Process.Documentation, Now)
            {
                StartSubscriptions = starts, Executable = executable, HistoryTimeToLive = model.Process.HistoryTimeToLive,
            },
            cancellationToken).ConfigureAwait(false);
        _definitions.Add(new DeployedProcess(record, model), source.Length);
        AnnounceTimers([.. starts]);
        return record;
    }

    /// <summary>
    /// The subscriptions of the model's timer, message and signal start events, opened with the new version
    /// (the store replaces the previous version's). A start timer's expression sees no variables.
    /// </summary>
    private List<SubscriptionRecord> StartSubscriptions(ValidatedModel model, string key)
    {
        var subscriptions = new List<SubscriptionRecord>();
        var now = Now;
        var draft = new DeployedProcess(new DefinitionRecord(string.Empty, key, 0, key, null, now, now), model);
        var none = new Expressions.DictionaryVariableResolver(new Dictionary<string, object?>());
        foreach (var start in model.Process.StartEvents)
        {
            if (!Triggers.EventSubscriptions.Waits(start.Trigger))
            {
                continue;
            }

            try
            {
                subscriptions.Add(Triggers.EventSubscriptions.Create(start.Trigger!, start, draft, none, null, null, null, now));
            }
            catch (Exception ex) when (ex is FormatException or EngineException)
            {
                throw new ValidationException(DeploymentValidator.InvalidCode, $"The timer of start event '{start.DisplayName}' cannot be scheduled: {ex.Message}",
                    [new ValidationError("TIMER_INVALID", ex.Message, null, start.Position.Line, start.Position.Column, start.Id)]);
            }
        }

        return subscriptions;
    }

    /// <summary>Checks a model without storing it (what a deploy would say).</summary>
    public ValidatedModel Validate(string bpmnXml) => _validator.Validate(bpmnXml);

    public Task<DeployedProcess> GetDeployedAsync(string definitionId, CancellationToken cancellationToken) =>
        _definitions.GetAsync(definitionId, cancellationToken);

    /// <summary>The BPMN document of a definition, byte for byte as it was deployed.</summary>
    public async Task<BpmnSource> GetSourceAsync(string definitionId, CancellationToken cancellationToken) =>
        await _store.GetDefinitionSourceAsync(definitionId, cancellationToken).ConfigureAwait(false) is { } bytes
            ? BpmnSource.FromBytes(bytes)
            : throw new NotFoundException("PROCESS_NOT_FOUND", $"Process definition '{definitionId}' does not exist.",
                new Dictionary<string, object?> { ["definition"] = definitionId });

    public async Task<DefinitionRecord> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken) =>
        await _store.GetLatestDefinitionAsync(key, cancellationToken).ConfigureAwait(false) ?? throw ProcessNotFound(key);

    public async Task<DefinitionRecord> GetDefinitionVersionAsync(string key, int version, CancellationToken cancellationToken)
    {
        var versions = await _store.GetDefinitionVersionsAsync(key, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            throw ProcessNotFound(key);
        }

        // The list cuts descriptions; the version asked for comes whole.
        var listed = versions.FirstOrDefault(v => v.Version == version);
        return (listed is null ? null : await _store.GetDefinitionAsync(listed.Id, cancellationToken).ConfigureAwait(false))
            ?? throw new NotFoundException("PROCESS_VERSION_NOT_FOUND", $"Process '{key}' has no version {version}.",
                new Dictionary<string, object?> { ["key"] = key, ["version"] = version });
    }

    /// <summary>Removes a process with every version; refused (409) while any of its instances has not ended.</summary>
    public async Task DeleteProcessAsync(string key, CancellationToken cancellationToken)
    {
        _ = await GetLatestDefinitionAsync(key, cancellationToken).ConfigureAwait(false);
        if (!await _store.DeleteProcessAsync(key, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidStateException("PROCESS_HAS_INSTANCES",
                $"Process '{key}' still has instances that have not ended; cancel them or let them finish first.",
                new Dictionary<string, object?> { ["key"] = key });
        }

        _definitions.Forget(key);
    }

    private static NotFoundException ProcessNotFound(string key) =>
        new("PROCESS_NOT_FOUND", $"Process '{key}' does not exist.", new Dictionary<string, object?> { ["key"] = key });
}
