namespace HypermediaBpm.Server.Representations.Svg;

/// <summary>
/// Live state drawn over a diagram: what is active, done, taken or failed, how many wait where, and where each
/// shape links to. Every collection is keyed by BPMN element id; an empty state draws the plain model.
/// </summary>
public sealed class DiagramState
{
    /// <summary>Activities (any flow node) a token is at now: class <c>active</c>.</summary>
    public HashSet<string> Active { get; } = new(StringComparer.Ordinal);

    /// <summary>Activities that were passed or completed: class <c>completed</c>.</summary>
    public HashSet<string> Completed { get; } = new(StringComparer.Ordinal);

    /// <summary>Sequence flows a token went along: class <c>taken</c>.</summary>
    public HashSet<string> TakenFlows { get; } = new(StringComparer.Ordinal);

    /// <summary>Activities holding a failed token or an incident: class <c>incident</c>.</summary>
    public HashSet<string> Incidents { get; } = new(StringComparer.Ordinal);

    /// <summary>A count badge per element (how many tokens or instances wait there); zero and absent draw none.</summary>
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How hot an element is in the operations view (1–4: the share of time spent there, relative to the slowest
    /// element): class <c>heat-N</c>, a fill from pale to strong; a legend on the page says what each step means.
    /// </summary>
    public Dictionary<string, int> Heat { get; } = new(StringComparer.Ordinal);

    /// <summary>Where a shape or edge links to (its task, its instances); the element is wrapped in <c>&lt;a href&gt;</c>.</summary>
    public Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

    /// <summary>The state classes of one element, space separated (empty when it has none).</summary>
    public string ClassesOf(string id)
    {
        var classes = new List<string>(2);
        if (Incidents.Contains(id))
        {
            classes.Add("incident");
        }
        else if (Active.Contains(id))
        {
            classes.Add("active");
        }

        if (Completed.Contains(id))
        {
            classes.Add("completed");
        }

        if (TakenFlows.Contains(id))
        {
            classes.Add("taken");
        }

        if (Heat.TryGetValue(id, out var heat) && heat > 0)
        {
            classes.Add("heat-" + Math.Clamp(heat, 1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Join(' ', classes);
    }
}
