using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Server.Representations.Svg;

/// <summary>
/// A left-to-right layout for models without BPMN DI: the main process's top-level flow nodes in columns by
/// their longest path from a start (loops ignored), rows within a column in order of discovery; boundary
/// events sit on their activity's lower edge; sequence flows run orthogonally. Subprocesses are drawn
/// collapsed and artifacts are left out.
/// </summary>
public static class AutoLayout
{
    private const double ColumnWidth = 160;
    private const double RowHeight = 120;
    private const double CellWidth = 100;
    private const double CellHeight = 80;

    /// <summary>A synthetic diagram (one shape per flow node, one edge per sequence flow) for <paramref name="definitions"/>.</summary>
    public static Diagram Layout(BpmnDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var diagram = new Diagram { Id = "auto-layout", Name = "Automatic layout", PlaneElementRef = definitions.MainProcess?.Id };
        if (definitions.MainProcess is not { } process)
        {
            return diagram;
        }

        var nodes = process.FlowElements.OfType<FlowNode>().Where(n => n is not BoundaryEvent).ToList();
        var boundaries = process.FlowElements.OfType<BoundaryEvent>().ToList();
        var columns = Columns(nodes, boundaries);
        var bounds = new Dictionary<string, Bounds>(StringComparer.Ordinal);
        var rows = new Dictionary<int, int>();
        foreach (var node in nodes.OrderBy(n => columns[n.Id]).ThenBy(n => Order(columns, n)))
        {
            var column = columns[node.Id];
            var row = rows.GetValueOrDefault(column);
            rows[column] = row + 1;
            var (width, height) = SizeOf(node);
            var x = (column * ColumnWidth) + ((CellWidth - width) / 2);
            var y = (row * RowHeight) + ((CellHeight - height) / 2);
            bounds[node.Id] = new Bounds(x, y, width, height);
            diagram.Shapes.Add(new DiagramShape { Id = node.Id + "_di", BpmnElementRef = node.Id, Bounds = bounds[node.Id], IsExpanded = false, IsMarkerVisible = true });
        }

        foreach (var host in boundaries.GroupBy(b => b.AttachedToRef))
        {
            var index = 0;
            foreach (var boundary in host)
            {
                var at = bounds.GetValueOrDefault(host.Key, new Bounds(0, 0, CellWidth, CellHeight));
                bounds[boundary.Id] = new Bounds(at.X + at.Width - 28 - (index++ * 40), at.Y + at.Height - 18, 36, 36);
                diagram.Shapes.Add(new DiagramShape { Id = boundary.Id + "_di", BpmnElementRef = boundary.Id, Bounds = bounds[boundary.Id] });
            }
        }

        var bottom = bounds.Values.Select(b => b.Y + b.Height).DefaultIfEmpty(0).Max() + 30;
        foreach (var flow in process.FlowElements.OfType<SequenceFlow>())
        {
            var edge = new DiagramEdge { Id = flow.Id + "_di", BpmnElementRef = flow.Id };
            if (bounds.TryGetValue(flow.SourceRef, out var source) && bounds.TryGetValue(flow.TargetRef, out var target))
            {
                edge.Waypoints.AddRange(Route(source, target, flow.Source is BoundaryEvent, ref bottom));
            }

            diagram.Edges.Add(edge);
        }

        return diagram;
    }

    /// <summary>Column = longest path from a source node, over the flows that are not back edges of a depth-first walk.</summary>
    private static Dictionary<string, int> Columns(List<FlowNode> nodes, List<BoundaryEvent> boundaries)
    {
        var inLayout = nodes.Concat<FlowNode>(boundaries).ToDictionary(n => n.Id, StringComparer.Ordinal);
        var successors = inLayout.Values.ToDictionary(n => n.Id, n => n.Outgoing.Select(f => f.TargetRef).Where(inLayout.ContainsKey).ToList(), StringComparer.Ordinal);

        // A boundary event leaves from its activity's column: the activity "flows" into it at no distance.
        foreach (var boundary in boundaries.Where(b => successors.ContainsKey(b.AttachedToRef)))
        {
            successors[boundary.AttachedToRef].Add(boundary.Id);
        }

        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var back = new HashSet<(string, string)>();
        var roots = nodes.Where(n => n.Incoming.Count == 0).Concat(nodes).Select(n => n.Id);
        foreach (var root in roots)
        {
            Visit(root, successors, state, back, order);
        }

        order.Reverse();
        var columns = inLayout.Keys.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        foreach (var id in order)
        {
            foreach (var next in successors[id].Where(n => !back.Contains((id, n))))
            {
                var step = inLayout[next] is BoundaryEvent ? 0 : 1;
                columns[next] = Math.Max(columns[next], columns[id] + step);
            }
        }

        return columns;
    }

    /// <summary>Iterative depth-first walk recording back edges (to a node still on the stack) and the finishing order.</summary>
    private static void Visit(string root, Dictionary<string, List<string>> successors, Dictionary<string, int> state, HashSet<(string, string)> back, List<string> order)
    {
        if (state.ContainsKey(root))
        {
            return;
        }

        var stack = new Stack<(string Id, int Next)>();
        stack.Push((root, 0));
        state[root] = 1;
        while (stack.Count > 0)
        {
            var (id, next) = stack.Pop();
            if (next < successors[id].Count)
            {
                stack.Push((id, next + 1));
                var target = successors[id][next];
                if (!state.TryGetValue(target, out var seen))
                {
                    state[target] = 1;
                    stack.Push((target, 0));
                }
                else if (seen == 1)
                {
                    back.Add((id, target));
                }

                continue;
            }

            state[id] = 2;
            order.Add(id);
        }
    }

    /// <summary>Within a column, nodes keep the order of their first predecessor's column, so branches stay apart.</summary>
    private static int Order(Dictionary<string, int> columns, FlowNode node) =>
        node.Incoming.Select(f => columns.GetValueOrDefault(f.SourceRef)).DefaultIfEmpty(0).Min();

    private static (double Width, double Height) SizeOf(FlowNode node) => node switch
    {
        Event => (36, 36),
        Gateway => (50, 50),
        _ => (CellWidth, CellHeight),
    };

    private static List<Point> Route(Bounds source, Bounds target, bool fromBoundary, ref double bottom)
    {
        var sx = source.X + (source.Width / 2);
        var sy = source.Y + (source.Height / 2);
        var tx = target.X + (target.Width / 2);
        var ty = target.Y + (target.Height / 2);
        if (fromBoundary)
        {
            return [new(sx, source.Y + source.Height), new(sx, ty), new(target.X, ty)];
        }

        if (target.X <= source.X)
        {
            // A loop back: below everything, into the target from underneath.
            bottom += 10;
            return [new(sx, source.Y + source.Height), new(sx, bottom), new(tx, bottom), new(tx, target.Y + target.Height)];
        }

        var right = source.X + source.Width;
        if (Math.Abs(sy - ty) < 0.5)
        {
            return [new(right, sy), new(target.X, ty)];
        }

        var middle = (right + target.X) / 2;
        return [new(right, sy), new(middle, sy), new(middle, ty), new(target.X, ty)];
    }
}
