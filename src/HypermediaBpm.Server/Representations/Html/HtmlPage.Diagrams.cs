using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// A diagram page: the drawing, then what is active, done, taken and failed named as the model names it (ids only
/// where an element has no name), and for an instance the history as a list of steps to replay (<c>?at=</c>).
/// </summary>
public sealed partial class HtmlPage
{
    private void DiagramView()
    {
        Diagram(_resource.SelfHref, _resource.Title ?? "Diagram");
        var model = _resource.Extras.GetValueOrDefault(ProcessResources.ModelExtra) as DeployedProcess;
        if (model is null)
        {
            Properties();
            return;
        }

        _html.Open("dl", ("class", "props")).Line();
        Names("Active", "active", model);
        Names("Failed", "incidents", model);
        Names("Completed", "completed", model);
        Names("Taken flows", "takenFlows", model);
        if (Prop("waiting") is IReadOnlyDictionary<string, object?> { Count: > 0 } waiting)
        {
            _html.Element("dt", "Waiting");
            _html.Element("dd", string.Join(", ", waiting.Select(w => $"{ElementName(model, w.Key)}: {Display(w.Value)}")));
        }

        _html.Close("dl").Line();
        Properties(["state", "at", "processKey", "processVersion", "instanceId"]);
        if (_resource.Extras.GetValueOrDefault(DiagramResources.StepsExtra) is IReadOnlyList<HistoryEvent> { Count: > 0 } steps)
        {
            Steps(steps, model);
        }
    }

    private void Names(string label, string property, DeployedProcess model)
    {
        if (Prop(property) is IEnumerable<string> ids && ids.ToList() is { Count: > 0 } list)
        {
            _html.Element("dt", label);
            _html.Element("dd", string.Join(", ", list.Select(id => ElementName(model, id))));
        }
    }

    /// <summary>An element's name; an unnamed flow as "source → target"; the id only where nothing has a name.</summary>
    private static string ElementName(DeployedProcess model, string id) => model.Process.ElementsById.GetValueOrDefault(id) switch
    {
        SequenceFlow { Name: { Length: > 0 } name } => name,
        SequenceFlow flow => $"{ElementName(model, flow.SourceRef)} → {ElementName(model, flow.TargetRef)}",
        FlowElement element => element.DisplayName,
        _ => id,
    };

    /// <summary>The history as links to the diagram at each step: a replay that needs no script and no slider.</summary>
    private void Steps(IReadOnlyList<HistoryEvent> steps, DeployedProcess model)
    {
        var instanceId = Text("instanceId") ?? string.Empty;
        var at = Prop("at") as long?;
        Section("replay", "Replay");
        _html.Element("p", "Choose a step to see the instance as it was right after it.", ("class", "hint")).Line();
        _html.Open("ol", ("class", "steps")).Line();
        foreach (var step in steps)
        {
            var seq = step.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _html.Open("li");
            var text = $"{Display(step.Timestamp)} — {HistoryResources.Describe(step with { ActivityName = step.ActivityName ?? (step.ActivityId is { } a ? ElementName(model, a) : null) })}";
            _html.Element("a", text, ("href", Uris.WithQuery(Uris.InstanceDiagram(instanceId), ("at", seq))), ("aria-current", at == step.Sequence ? "step" : null));
            if (step.User is { } user)
            {
                _html.Text(" · " + user);
            }

            _html.Close("li").Line();
        }

        _html.Close("ol").Line();
        _html.Open("p").Element("a", "The diagram now", ("href", Uris.InstanceDiagram(instanceId)), ("aria-current", at is null ? "step" : null)).Close("p").Line();
        _html.Close("section").Line();
    }
}
