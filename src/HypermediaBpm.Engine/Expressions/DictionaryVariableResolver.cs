namespace HypermediaBpm.Engine.Expressions;

/// <summary>An <see cref="IVariableResolver"/> over a plain dictionary, for tests and one-off evaluations.</summary>
public sealed class DictionaryVariableResolver(IReadOnlyDictionary<string, object?> variables) : IVariableResolver
{
    /// <summary>A resolver that knows no variables.</summary>
    public static DictionaryVariableResolver Empty { get; } = new(new Dictionary<string, object?>());

    /// <inheritdoc />
    public bool TryGetVariable(string name, out object? value) => variables.TryGetValue(name, out value);
}
