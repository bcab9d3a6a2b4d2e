namespace HypermediaBpm.Bpmn.Model;

public sealed class BpmnProcess : BaseElement, IFlowElementContainer
{
    public string? Name { get; init; }

    public bool IsExecutable { get; init; }

    public List<FlowElement> FlowElements { get; } = new();

    public List<Lane> Lanes { get; } = new();

    /// <summary>
    /// <c>camunda:candidateStarterGroups</c>: the groups whose members may start the process by request. With no
    /// starter groups or users named, anyone signed in may start it (Zeebe 8 has no standard equivalent).
    /// </summary>
    public List<string> CandidateStarterGroups { get; } = new();

    /// <summary><c>camunda:candidateStarterUsers</c>: the users who may start the process by request.</summary>
    public List<string> CandidateStarterUsers { get; } = new();

    /// <summary>
    /// <c>camunda:historyTimeToLive</c>: how long an ended instance of this process is kept before history retention
    /// removes it (integer days, or an ISO-8601 duration such as <c>P30D</c> or <c>PT1H</c>); null when not given.
    /// </summary>
    public TimeSpan? HistoryTimeToLive { get; set; }

    /// <summary>True when the model names who may start it.</summary>
    public bool NamesStarters => CandidateStarterGroups.Count > 0 || CandidateStarterUsers.Count > 0;

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name!;

    /// <summary>Every flow element in this process and its subprocesses, by id.</summary>
    public Dictionary<string, FlowElement> ElementsById { get; } = new(StringComparer.Ordinal);

    /// <summary>The top-level start events (not those of subprocesses).</summary>
    public IEnumerable<StartEvent> StartEvents => FlowElements.OfType<StartEvent>();

    /// <summary>The none start event a plain "start" uses, if there is one.</summary>
    public StartEvent? NoneStartEvent => StartEvents.FirstOrDefault(s => s.EventDefinitions.Count == 0);
}

public sealed class Lane : BaseElement
{
    public string? Name { get; init; }

    public List<string> FlowNodeRefs { get; } = new();

    public List<Lane> ChildLanes { get; } = new();
}
