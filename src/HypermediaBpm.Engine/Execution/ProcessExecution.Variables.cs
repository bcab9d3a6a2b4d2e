using System.Text;
using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Execution;

/// <summary>Variables as the running token sees them, and every write of them (checked against the size bound first).</summary>
public sealed partial class ProcessExecution
{
    /// <summary>True when the flow carries a condition (default flows never do).</summary>
    public bool HasCondition(SequenceFlow flow) => Process.Conditions.ContainsKey(flow.Id);

    public bool ConditionHolds(SequenceFlow flow) =>
        !Process.Conditions.TryGetValue(flow.Id, out var condition) || condition.EvaluateCondition(Variables);

    /// <summary>Every variable the current token sees (its scopes' and the process's), for a script.</summary>
    public IReadOnlyDictionary<string, object?> VisibleVariables() => Variables.Visible();

    /// <summary>Evaluates a text that may hold expressions (e.g. <c>${initiator}</c>) to a string.</summary>
    public string? EvaluateText(string text) =>
        Process.Template(text).Evaluate(Variables) is { } value ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public void SetVariable(string name, object? value, FlowNode? node) =>
        SetVariables(new Dictionary<string, object?> { [name] = value }, node);

    public void SetVariables(IReadOnlyDictionary<string, object?> values, FlowNode? node)
    {
        if (values.Count == 0)
        {
            return;
        }

        // Every write of a variable comes through here (or SetLocalVariable): all are checked before any is set.
        VariableLimit.Check(values);
        foreach (var (name, value) in values)
        {
            // Camunda's rule: a variable goes to the nearest scope that already has it, else to the process.
            var owner = Variables.OwnerOf(name);
            (owner is null ? Instance.Variables : owner.Variables!)[name] = VariableJson.Normalize(value);
        }

        _variablesChanged = true;
        Record(HistoryTypes.VariablesChanged, node, null, null, VariablesJson(values));
    }

    /// <summary>Sets a variable on one token's scope only (a loop counter, a caught error code…).</summary>
    public void SetLocalVariable(Token token, string name, object? value)
    {
        VariableLimit.Check(name, value);
        token.Variables ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        token.Variables[name] = VariableJson.Normalize(value);
    }

    /// <summary>Sets variables as seen from <paramref name="pointOfView"/> (each goes to the nearest scope that has it, else the process).</summary>
    public void SetVariablesFrom(Token pointOfView, IReadOnlyDictionary<string, object?> values, FlowNode? node)
    {
        var saved = Variables.Current;
        Variables.Current = pointOfView;
        SetVariables(values, node);
        Variables.Current = saved;
    }

    private static string VariablesJson(IReadOnlyDictionary<string, object?> values)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("variables");
            VariableJson.Write(writer, values);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
