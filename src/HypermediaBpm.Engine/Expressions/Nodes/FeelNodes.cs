using HypermediaBpm.Engine.Expressions.Runtime;

namespace HypermediaBpm.Engine.Expressions.Nodes;

/// <summary>FEEL list literal <c>[a, b, c]</c>.</summary>
internal sealed class ListNode(int offset, IReadOnlyList<ExpressionNode> items) : ExpressionNode(offset, [.. items])
{
    public IReadOnlyList<ExpressionNode> Items { get; } = items;

    public override object? Evaluate(EvaluationContext context) => Items.Select(item => item.Evaluate(context)).ToList();
}

/// <summary>FEEL context literal <c>{a: 1, "b c": 2}</c>, evaluated to a map.</summary>
internal sealed class ContextNode(int offset, IReadOnlyList<KeyValuePair<string, ExpressionNode>> entries)
    : ExpressionNode(offset, [.. entries.Select(entry => entry.Value)])
{
    public override object? Evaluate(EvaluationContext context)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value.Evaluate(context);
        }

        return map;
    }
}

/// <summary>FEEL range <c>[1..10]</c>, <c>(0..1)</c>; only used as the right side of <c>in</c>.</summary>
internal sealed class RangeNode(int offset, ExpressionNode low, ExpressionNode high, bool lowIncluded, bool highIncluded)
    : ExpressionNode(offset, low, high)
{
    public override object? Evaluate(EvaluationContext context) =>
        throw context.Fail("A range can only be used after 'in'");

    public bool? Contains(object? value, EvaluationContext context)
    {
        var semantics = FeelSemantics.Instance;
        var above = semantics.Compare(lowIncluded ? ComparisonOperator.GreaterOrEqual : ComparisonOperator.Greater, value, low.Evaluate(context), context);
        var below = semantics.Compare(highIncluded ? ComparisonOperator.LessOrEqual : ComparisonOperator.Less, value, high.Evaluate(context), context);
        return above == false || below == false ? false : above == true && below == true ? true : null;
    }
}

/// <summary>FEEL <c>x in [1, 2]</c>, <c>x in list</c>, <c>x in [1..5]</c>; against a single value it means equality.</summary>
internal sealed class InNode(int offset, ExpressionNode value, ExpressionNode target) : ExpressionNode(offset, value, target)
{
    public override object? Evaluate(EvaluationContext context)
    {
        var candidate = value.Evaluate(context);
        if (target is RangeNode range)
        {
            return range.Contains(candidate, context);
        }

        var semantics = FeelSemantics.Instance;
        var haystack = target.Evaluate(context);
        if (!Values.TryGetList(haystack, out var list))
        {
            return semantics.Equal(candidate, haystack, context);
        }

        foreach (var item in list)
        {
            if (semantics.Equal(candidate, item, context) == true)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>FEEL <c>x between a and b</c>, both ends included.</summary>
internal sealed class BetweenNode(int offset, ExpressionNode value, ExpressionNode low, ExpressionNode high) : ExpressionNode(offset, value, low, high)
{
    public override object? Evaluate(EvaluationContext context)
    {
        var semantics = FeelSemantics.Instance;
        var x = value.Evaluate(context);
        var above = semantics.Compare(ComparisonOperator.GreaterOrEqual, x, low.Evaluate(context), context);
        var below = semantics.Compare(ComparisonOperator.LessOrEqual, x, high.Evaluate(context), context);
        return above == false || below == false ? false : above == true && below == true ? true : null;
    }
}

/// <summary>
/// FEEL <c>list[expr]</c>: a number picks an item (1-based, negative counts from the end, out of range is null);
/// anything else filters the list, evaluating <c>expr</c> once per item with the item's properties and
/// <c>item</c> in scope.
/// </summary>
internal sealed class FilterNode(int offset, ExpressionNode target, ExpressionNode filter) : ExpressionNode(offset, target, filter)
{
    public override object? Evaluate(EvaluationContext context)
    {
        var source = target.Evaluate(context);
        if (source is null)
        {
            return null;
        }

        // FEEL treats a single value as a list of one.
        var list = Values.TryGetList(source, out var items) ? items : [source];
        var selector = filter is LiteralNode literal ? literal.Value : filter.Evaluate(context);
        if (selector is long or double)
        {
            return Pick(list, Numbers.ToDouble(selector));
        }

        var selected = new List<object?>();
        foreach (var item in list)
        {
            if (FeelSemantics.Instance.Truth(filter.Evaluate(context.ForItem(item)), context) == true)
            {
                selected.Add(item);
            }
        }

        return selected;
    }

    private static object? Pick(IReadOnlyList<object?> list, double position)
    {
        if (position != Math.Floor(position) || position == 0 || Math.Abs(position) > list.Count)
        {
            return null;
        }

        var index = position > 0 ? (int)position - 1 : list.Count + (int)position;
        return Values.Normalize(list[index]);
    }
}

/// <summary>A call of a built-in FEEL function; which functions exist is decided at compile time.</summary>
internal sealed class FunctionCallNode(int offset, FeelFunction function, IReadOnlyList<ExpressionNode> arguments)
    : ExpressionNode(offset, [.. arguments])
{
    public override object? Evaluate(EvaluationContext context)
    {
        var values = new object?[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Values.Normalize(arguments[i].Evaluate(context));
        }

        return function.Invoke(values, context);
    }
}

/// <summary>FEEL <c>is defined(x)</c>: whether a variable or property exists, even when its value is null.</summary>
internal sealed class IsDefinedNode(int offset, ExpressionNode operand) : ExpressionNode(offset, operand)
{
    public override object? Evaluate(EvaluationContext context) => IsDefined(operand, context);

    private static bool IsDefined(ExpressionNode node, EvaluationContext context) => node switch
    {
        VariableNode variable => context.TryResolve(variable.Name, out _),
        MemberNode member => IsDefined(member.Target, context)
            && Values.TryGetMap(member.Target.Evaluate(context), out var map) && map.ContainsKey(member.Name),
        _ => node.Evaluate(context) is not null,
    };
}
