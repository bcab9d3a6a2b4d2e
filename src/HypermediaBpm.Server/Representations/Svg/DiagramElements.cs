using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Server.Representations.Svg;

/// <summary>
/// Every drawable element of a model by id (flow elements of all processes, lanes, participants, message flows,
/// collaboration artifacts, the processes themselves), and the choice of which diagram to draw.
/// </summary>
internal sealed class DiagramElements
{
    private readonly Dictionary<string, object> _byId = new(StringComparer.Ordinal);

    public DiagramElements(BpmnDefinitions definitions)
    {
        foreach (var process in definitions.Processes)
        {
            _byId.TryAdd(process.Id, process);
            foreach (var (id, element) in process.ElementsById)
            {
                _byId.TryAdd(id, element);
            }

            AddLanes(process.Lanes);
        }

        foreach (var collaboration in definitions.Collaborations)
        {
            _byId.TryAdd(collaboration.Id, collaboration);
            foreach (var participant in collaboration.Participants)
            {
                _byId.TryAdd(participant.Id, participant);
            }

            foreach (var flow in collaboration.MessageFlows)
            {
                _byId.TryAdd(flow.Id, flow);
            }

            foreach (var artifact in collaboration.Artifacts)
            {
                _byId.TryAdd(artifact.Id, artifact);
            }
        }
    }

    /// <summary>The element an id names, or null when the model has no (drawable) element with it.</summary>
    public object? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The diagram to draw: the one whose plane shows the main process or a collaboration with it, else the first
    /// with any shape, else the first; null when the model has no DI at all.
    /// </summary>
    public static Diagram? Select(BpmnDefinitions definitions)
    {
        var main = definitions.MainProcess;
        var collaborations = definitions.Collaborations
            .Where(c => main is not null && c.Participants.Any(p => p.ProcessRef == main.Id))
            .Select(c => c.Id)
            .ToHashSet(StringComparer.Ordinal);
        return definitions.Diagrams.FirstOrDefault(d => d.Shapes.Count > 0 && d.PlaneElementRef is { } plane && (plane == main?.Id || collaborations.Contains(plane)))
            ?? definitions.Diagrams.FirstOrDefault(d => d.Shapes.Count > 0)
            ?? definitions.Diagrams.FirstOrDefault(d => d.Edges.Count > 0);
    }

    private void AddLanes(IEnumerable<Lane> lanes)
    {
        foreach (var lane in lanes)
        {
            _byId.TryAdd(lane.Id, lane);
            AddLanes(lane.ChildLanes);
        }
    }
}
