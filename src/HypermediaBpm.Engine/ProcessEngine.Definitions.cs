using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>
    /// Validates and stores a BPMN model as a new version of its process (key = the process id).
    /// Throws <see cref="ValidationException"/> listing every problem, located, and stores nothing then.
    /// </summary>
    /// <param name="expectedKey">When set (a PUT to an existing process), the model's process id must equal it.</param>
    public async Task<DefinitionRecord> DeployAsync(string bpmnXml, string? name, int? version, string? expectedKey, CancellationToken cancellationToken)
    {
        var model = _validator.Validate(bpmnXml);
        var key = model.Process.Id;
        if (expectedKey is not null && key != expectedKey)
        {
            throw new ValidationException("PROCESS_KEY_MISMATCH",
                $"The model's process id is '{key}', but this is process '{expectedKey}'; a new version must keep the process id.",
                [new ValidationError("PROCESS_KEY_MISMATCH", $"Expected process id '{expectedKey}'.", "bpmn_xml", model.Process.Position.Line, model.Process.Position.Column, key)]);
        }

        var displayName = !string.IsNullOrWhiteSpace(name) ? name.Trim() : model.Process.DisplayName;
        var starts = StartSubscriptions(model, key);
        var record = await _store.AddDefinitionAsync(
            new NewDefinition(key, version, displayName, bpmnXml, model.Process.Documentation, Now) { StartSubscriptions = starts },
            cancellationToken).ConfigureAwait(false);
        _definitions.Add(new DeployedProcess(record, model));
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
        var draft = new DeployedProcess(new DefinitionRecord(string.Empty, key, 0, key, string.Empty, null, now, now), model);
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

    public async Task<DefinitionRecord> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken) =>
        await _store.GetLatestDefinitionAsync(key, cancellationToken).ConfigureAwait(false) ?? throw ProcessNotFound(key);

    public async Task<DefinitionRecord> GetDefinitionVersionAsync(string key, int version, CancellationToken cancellationToken)
    {
        var versions = await _store.GetDefinitionVersionsAsync(key, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            throw ProcessNotFound(key);
        }

        return versions.FirstOrDefault(v => v.Version == version)
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
