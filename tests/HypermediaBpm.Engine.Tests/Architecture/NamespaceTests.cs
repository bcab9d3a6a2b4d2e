using System.Text.RegularExpressions;
using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Engine.Tests.Architecture;

/// <summary>
/// The engine's inside, enforced beside the project direction (<see cref="DependencyTests"/>): its areas (namespaces by
/// top folder) form no cycle, behaviours do not depend on the executor, and the executor names no BPMN element type.
/// </summary>
public sealed class NamespaceTests
{
    /// <summary>
    /// Instances and Persistence refer to each other (a token's instance knows its parent reference; the store contract
    /// reads and writes instances). The store contract is kept as it is while a second store is written against it.
    /// </summary>
    private static readonly (string From, string To)[] KnownStoreEdges = [("Instances", "Persistence")];

    [Fact]
    public void EngineAreas_DependOnEachOtherWithoutACycle()
    {
        var graph = Graph();
        foreach (var (from, to) in KnownStoreEdges)
        {
            graph[from].Remove(to);
        }

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"Namespace cycle inside the engine: {string.Join(" → ", cycle ?? [])}");
    }

    [Fact]
    public void Behaviors_DoNotDependOnExecution()
    {
        var typesByArea = EngineSource.TypesByArea();
        var offenders = EngineSource.All.Where(f => f.Area == "Behaviors" && f.Dependencies(typesByArea).Contains("Execution")).Select(f => f.Path).ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Execution_NamesNoElementType()
    {
        var elementTypes = typeof(FlowNode).Assembly.GetExportedTypes()
            .Where(t => (t.IsSubclassOf(typeof(FlowNode)) || t.IsSubclassOf(typeof(EventDefinition))) && t != typeof(UnknownFlowNode))
            .Select(t => t.Name)
            .ToList();
        var files = EngineSource.All
            .Where(f => f.Area == "Execution")
            .Where(f => elementTypes.Any(type => Regex.IsMatch(f.Code, $@"\b{type}\b")))
            .Select(f => f.Path)
            .ToList();

        Assert.Empty(files);
    }

    [Fact]
    public void Behaviors_ChangeTokenStateOnlyThroughTheContext()
    {
        var offenders = EngineSource.All
            .Where(f => f.Area == "Behaviors" && Regex.IsMatch(f.Code, @"\.State\s*=[^=]"))
            .Select(f => f.Path)
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void FindCycle_OnAGraphWithACycle_NamesIt()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Behaviors"] = ["Execution"],
            ["Execution"] = ["Triggers"],
            ["Triggers"] = ["Behaviors"],
        };

        Assert.Equal(["Behaviors", "Execution", "Triggers", "Behaviors"], FindCycle(graph));
    }

    private static Dictionary<string, HashSet<string>> Graph()
    {
        var typesByArea = EngineSource.TypesByArea();
        var graph = typesByArea.Keys.ToDictionary(a => a, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var file in EngineSource.All)
        {
            graph[file.Area].UnionWith(file.Dependencies(typesByArea).Where(graph.ContainsKey));
        }

        return graph;
    }

    /// <summary>A path that comes back to where it started, or null.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            var at = path.IndexOf(node);
            if (at >= 0)
            {
                return [.. path.Skip(at), node];
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
