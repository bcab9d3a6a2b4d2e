namespace HypermediaBpm.Engine.Expressions;

/// <summary>
/// Supplies variable values to an expression by name. Values follow the engine's value model (null, bool,
/// long, double, string, lists and string-keyed maps); other CLR numbers are accepted and normalized.
/// </summary>
public interface IVariableResolver
{
    /// <summary>Looks a top-level variable up. Returns false when the variable does not exist at all
    /// (which differs from existing with the value null: JUEL reports the first as an error).</summary>
    bool TryGetVariable(string name, out object? value);
}
