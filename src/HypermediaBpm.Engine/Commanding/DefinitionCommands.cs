using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The definition area: deploy a model (validated, or kept for documentation only) with its start subscriptions, read
/// definitions and their BPMN documents, delete a process. New start timers are announced through
/// <see cref="ICommandFollowUps.Announce"/> like those of any commit.
/// </summary>
internal sealed class DefinitionCommands(
    IDefinitionStore store, DefinitionCache definitions, DeploymentValidator validator, long maxModelBytes, TimeProvider clock, ICommandFollowUps followUps)
{
    public async Task<DefinitionRecord> DeployAsync(
        BpmnSource source, string? name, int? version, string? expectedKey, bool executable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > maxModelBytes)
        {
            throw new ModelTooLargeException(source.Length, maxModelBytes);
        }

        var givenName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (ModelLimits.CheckGivenName(givenName) is { } nameError)
        {
            throw new ValidationException("INVALID_INPUT", nameError.Message, [nameError]);
        }

        var model = executable ? validator.Validate(source) : DocumentationModels.Parse(source);
        var key = model.Process.Id;
        if (expectedKey is not null && key != expectedKey)
        {
            throw new ValidationException("PROCESS_KEY_MISMATCH",
                $"The model's process id is '{key}', but this is process '{expectedKey}'; a new version must keep the process id.",
                [new ValidationError("PROCESS_KEY_MISMATCH", $"Expected process id '{expectedKey}'.", "bpmn_xml", model.Process.Position.Line, model.Process.Position.Column, key)]);
        }

        var displayName = givenName ?? model.Process.DisplayName;
        List<SubscriptionRecord> starts = executable ? StartSubscriptions(model, key) : [];
        var record = await store.AddDefinitionAsync(
            new NewDefinition(key, version, displayName, source.Bytes, model.Process.Documentation, clock.GetUtcNow()) { StartSubscriptions = starts, Executable = executable, HistoryTimeToLive = model.Process.HistoryTimeToLive },
            cancellationToken).ConfigureAwait(false);
        definitions.Add(new DeployedProcess(record, model), source.Length);
        var announced = new ChangeSet();
        announced.Subscriptions.AddRange(starts);
        followUps.Announce(announced);
        return record;
    }

    /// <summary>
    /// The subscriptions of the model's timer, message and signal start events, opened with the new version
    /// (the store replaces the previous version's). A start timer's expression sees no variables.
    /// </summary>
    private List<SubscriptionRecord> StartSubscriptions(ValidatedModel model, string key)
    {
        var subscriptions = new List<SubscriptionRecord>();
        var now = clock.GetUtcNow();
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

    public ValidatedModel Validate(string bpmnXml) => validator.Validate(bpmnXml);

    public Task<DeployedProcess> GetDeployedAsync(string definitionId, CancellationToken cancellationToken) =>
        definitions.GetAsync(definitionId, cancellationToken);

    public async Task<BpmnSource> GetSourceAsync(string definitionId, CancellationToken cancellationToken) =>
        await store.GetDefinitionSourceAsync(definitionId, cancellationToken).ConfigureAwait(false) is { } bytes
            ? BpmnSource.FromBytes(bytes)
            : throw new NotFoundException("PROCESS_NOT_FOUND", $"Process definition '{definitionId}' does not exist.",
                new Dictionary<string, object?> { ["definition"] = definitionId });

    public async Task<DefinitionRecord> GetLatestAsync(string key, CancellationToken cancellationToken) =>
        await store.GetLatestDefinitionAsync(key, cancellationToken).ConfigureAwait(false) ?? throw CommandPipeline.ProcessNotFound(key);

    public async Task<DefinitionRecord> GetVersionAsync(string key, int version, CancellationToken cancellationToken)
    {
        var versions = await store.GetDefinitionVersionsAsync(key, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            throw CommandPipeline.ProcessNotFound(key);
        }

        // The list cuts descriptions; the version asked for comes whole.
        var listed = versions.FirstOrDefault(v => v.Version == version);
        return (listed is null ? null : await store.GetDefinitionAsync(listed.Id, cancellationToken).ConfigureAwait(false))
            ?? throw new NotFoundException("PROCESS_VERSION_NOT_FOUND", $"Process '{key}' has no version {version}.",
                new Dictionary<string, object?> { ["key"] = key, ["version"] = version });
    }

    /// <summary>Removes a process with every version; refused (409) while any of its instances has not ended.</summary>
    public async Task DeleteProcessAsync(string key, CancellationToken cancellationToken)
    {
        _ = await GetLatestAsync(key, cancellationToken).ConfigureAwait(false);
        if (!await store.DeleteProcessAsync(key, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidStateException("PROCESS_HAS_INSTANCES",
                $"Process '{key}' still has instances that have not ended; cancel them or let them finish first.",
                new Dictionary<string, object?> { ["key"] = key });
        }

        definitions.Forget(key);
    }
}
