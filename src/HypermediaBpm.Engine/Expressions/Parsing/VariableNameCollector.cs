namespace HypermediaBpm.Engine.Expressions.Parsing;

/// <summary>The distinct top-level variable names an expression refers to, in order of first use.</summary>
internal sealed class VariableNameCollector
{
    private readonly List<string> _names = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public void Add(string name)
    {
        if (_seen.Add(name))
        {
            _names.Add(name);
        }
    }

    public IReadOnlyCollection<string> ToCollection() => _names.ToArray();
}
