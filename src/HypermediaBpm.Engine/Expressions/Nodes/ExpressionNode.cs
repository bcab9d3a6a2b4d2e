using HypermediaBpm.Engine.Expressions.Runtime;

namespace HypermediaBpm.Engine.Expressions.Nodes;

/// <summary>
/// A node of the syntax tree; evaluation walks the tree. Nodes are immutable so one compiled expression can be
/// evaluated by many threads at once. <see cref="Depth"/> is checked at compile time, which is what keeps the
/// recursive evaluation bounded.
/// </summary>
internal abstract class ExpressionNode(int offset, params ExpressionNode?[] children)
{
    /// <summary>Where the node starts in the source text (0-based).</summary>
    public int Offset { get; } = offset;

    /// <summary>Height of the subtree: 1 for a leaf.</summary>
    public int Depth { get; } = 1 + children.Aggregate(0, (max, child) => Math.Max(max, child?.Depth ?? 0));

    public abstract object? Evaluate(EvaluationContext context);
}

/// <summary>A constant: number, string, boolean or null.</summary>
internal sealed class LiteralNode(int offset, object? value) : ExpressionNode(offset)
{
    public object? Value { get; } = value;

    public override object? Evaluate(EvaluationContext context) => Value;
}

/// <summary>
/// A top-level variable. <see cref="UnknownIsNull"/> is set by the parser where JUEL tolerates a missing variable
/// (<c>empty x</c>, <c>x == null</c>); FEEL always tolerates it.
/// </summary>
internal sealed class VariableNode(int offset, string name, Semantics semantics, bool unknownIsNull = false) : ExpressionNode(offset)
{
    public string Name { get; } = name;

    public bool UnknownIsNull { get; } = unknownIsNull || semantics.UnknownVariableIsNull;

    public Semantics Semantics { get; } = semantics;

    public override object? Evaluate(EvaluationContext context)
    {
        if (context.TryResolve(Name, out var value))
        {
            return value;
        }

        return UnknownIsNull ? null : throw context.Fail($"Unknown variable '{Name}'");
    }
}

/// <summary><c>target.name</c>.</summary>
internal sealed class MemberNode(int offset, ExpressionNode target, string name, Semantics semantics) : ExpressionNode(offset, target)
{
    public ExpressionNode Target { get; } = target;

    public string Name { get; } = name;

    public Semantics Semantics { get; } = semantics;

    public override object? Evaluate(EvaluationContext context) => Semantics.Member(Target.Evaluate(context), Name, context);
}

/// <summary>JUEL <c>target[index]</c>: 0-based list index or map key.</summary>
internal sealed class IndexNode(int offset, ExpressionNode target, ExpressionNode index) : ExpressionNode(offset, target, index)
{
    public ExpressionNode Target { get; } = target;

    public ExpressionNode Index { get; } = index;

    public override object? Evaluate(EvaluationContext context) =>
        JuelSemantics.Instance.Index(Target.Evaluate(context), Index.Evaluate(context), context);
}

/// <summary>A text template: literal text and <c>${...}</c> parts joined into one string.</summary>
internal sealed class TemplateNode(int offset, IReadOnlyList<ExpressionNode> parts) : ExpressionNode(offset, [.. parts])
{
    public override object? Evaluate(EvaluationContext context) =>
        string.Concat(parts.Select(part => ValueText.Format(part.Evaluate(context), context)));
}
