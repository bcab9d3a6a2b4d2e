using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Instances;

/// <summary>
/// One running (or ended) process instance, loaded for the length of one command. Its state changes only
/// through guarded methods; a transition that is not allowed throws <see cref="InvalidStateException"/>.
/// </summary>
public sealed class ProcessInstance
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public required string ProcessKey { get; init; }

    public required int ProcessVersion { get; init; }

    public string? BusinessKey { get; init; }

    /// <summary>The call activity this instance was started by; null for an instance started on its own.</summary>
    public Persistence.ParentReference? Parent { get; init; }

    public string State { get; private set; } = InstanceStates.Running;

    /// <summary>The stored revision this object was loaded at (0 for a new instance).</summary>
    public long Revision { get; set; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Dictionary<string, object?> Variables { get; init; } = new(StringComparer.Ordinal);

    public List<Token> Tokens { get; init; } = new();

    public List<Incident> Incidents { get; init; } = new();

    private List<CompensationRecord>? _compensations;

    /// <summary>Completed activities that can still be compensated, oldest first (see <see cref="CompensationRecord"/>); made on first use.</summary>
    public List<CompensationRecord> Compensations => _compensations ??= new();

    /// <summary>True when something can still be compensated (without making the list).</summary>
    public bool HasCompensations => _compensations is { Count: > 0 };

    /// <summary>Source of token ids, so they stay unique within the instance across commands.</summary>
    public int LastTokenNumber { get; set; }

    public bool IsEnded => InstanceStates.IsEnded(State);

    public Token NewToken(string activityId, string? scopeId, DateTimeOffset now, string? viaFlowId = null)
    {
        var token = new Token
        {
            Id = (++LastTokenNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ActivityId = activityId,
            ScopeId = scopeId,
            ViaFlowId = viaFlowId,
            Since = now,
            State = TokenState.Ready,
        };
        Tokens.Add(token);
        return token;
    }

    public Token GetToken(string tokenId) =>
        Tokens.Find(t => t.Id == tokenId)
        ?? throw new InvalidStateException("ACTIVITY_NOT_ACTIVE", $"Activity instance '{tokenId}' is not active in instance '{Id}'.",
            new Dictionary<string, object?> { ["instance"] = Id, ["activityInstance"] = tokenId });

    /// <summary>Throws unless commands that move tokens may run now.</summary>
    public void EnsureActive()
    {
        if (State == InstanceStates.Suspended)
        {
            throw Refused("INSTANCE_SUSPENDED", "is suspended; resume it first");
        }

        if (IsEnded)
        {
            throw Refused("INSTANCE_ENDED", $"has ended ({State})");
        }
    }

    public void Suspend(DateTimeOffset now)
    {
        if (State is not (InstanceStates.Running or InstanceStates.Failed))
        {
            throw Refused("INSTANCE_NOT_RUNNING", $"cannot be suspended while {State}");
        }

        State = InstanceStates.Suspended;
        UpdatedAt = now;
    }

    public void Resume(DateTimeOffset now)
    {
        if (State != InstanceStates.Suspended)
        {
            throw Refused("INSTANCE_NOT_SUSPENDED", $"cannot be resumed while {State}");
        }

        State = Incidents.Count > 0 ? InstanceStates.Failed : InstanceStates.Running;
        UpdatedAt = now;
    }

    /// <summary>Ends the instance by a person's or system's decision: every token is withdrawn.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (IsEnded)
        {
            throw Refused("INSTANCE_ENDED", $"has already ended ({State})");
        }

        Tokens.Clear();
        Incidents.Clear();
        End(InstanceStates.Terminated, now);
    }

    /// <summary>Called by the executor when no token is left.</summary>
    public void Complete(DateTimeOffset now) => End(InstanceStates.Completed, now);

    /// <summary>Closes an incident; with none left, a failed instance runs again.</summary>
    public void RemoveIncident(Incident incident, DateTimeOffset now)
    {
        Incidents.Remove(incident);
        RecheckIncidents(now);
    }

    /// <summary>A failed instance whose incidents are all gone (closed, or their tokens withdrawn) runs again.</summary>
    public void RecheckIncidents(DateTimeOffset now)
    {
        if (State == InstanceStates.Failed && Incidents.Count == 0)
        {
            State = InstanceStates.Running;
        }

        UpdatedAt = now;
    }

    public void AddIncident(Incident incident, DateTimeOffset now)
    {
        Incidents.Add(incident);
        if (State == InstanceStates.Running)
        {
            State = InstanceStates.Failed;
        }

        UpdatedAt = now;
    }

    /// <summary>Restores a stored state; only the serializer calls this.</summary>
    internal void RestoreState(string state, DateTimeOffset? endedAt)
    {
        State = state;
        EndedAt = endedAt;
    }

    private void End(string state, DateTimeOffset now)
    {
        State = state;
        EndedAt = now;
        UpdatedAt = now;
    }

    private InvalidStateException Refused(string code, string why) =>
        new(code, $"Instance '{Id}' {why}.", new Dictionary<string, object?> { ["instance"] = Id, ["state"] = State });
}
