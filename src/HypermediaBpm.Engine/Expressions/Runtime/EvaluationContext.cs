namespace HypermediaBpm.Engine.Expressions.Runtime;

/// <summary>
/// What one evaluation needs: the variables, the source text for error messages, and, inside a FEEL filter such
/// as <c>orders[amount &gt; 10]</c>, the list item whose properties shadow the outer variables.
/// </summary>
internal sealed class EvaluationContext
{
    private readonly IVariableResolver _variables;
    private readonly EvaluationContext? _outer;
    private readonly object? _item;

    public EvaluationContext(string source, IVariableResolver variables)
    {
        Source = source;
        _variables = variables;
    }

    private EvaluationContext(EvaluationContext outer, object? item)
    {
        Source = outer.Source;
        _variables = outer._variables;
        _outer = outer;
        _item = item;
    }

    public string Source { get; }

    public EvaluationContext ForItem(object? item) => new(this, item);

    public bool TryResolve(string name, out object? value)
    {
        if (_outer is not null)
        {
            if (name == "item")
            {
                value = _item;
                return true;
            }

            if (Values.TryGetMap(_item, out var map) && map.TryGetValue(name, out value))
            {
                value = Values.Normalize(value);
                return true;
            }

            return _outer.TryResolve(name, out value);
        }

        if (_variables.TryGetVariable(name, out value))
        {
            value = Values.Normalize(value);
            return true;
        }

        return false;
    }

    public ExpressionEvaluationException Fail(string cause) => new(Source, cause);
}
