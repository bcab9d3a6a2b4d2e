using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// An instance's variables as expressions see them from one token: its own local variables, then those of
/// each enclosing scope (subprocess, multi-instance body), then the process's. A token of a flat process
/// has no local variables and no scope, so a lookup goes straight to the process's variables.
/// </summary>
public sealed class InstanceVariables(ProcessInstance instance) : IVariableResolver
{
    /// <summary>The token whose point of view lookups take (null: the process's variables only).</summary>
    public Token? Current { get; set; }

    public bool TryGetVariable(string name, out object? value)
    {
        for (var token = Current; token is not null; token = ScopeOf(token))
        {
            if (token.Variables is { } locals && locals.TryGetValue(name, out value))
            {
                return true;
            }
        }

        return instance.Variables.TryGetValue(name, out value);
    }

    /// <summary>The nearest token, from <see cref="Current"/> outward, that holds <paramref name="name"/> locally.</summary>
    public Token? OwnerOf(string name)
    {
        for (var token = Current; token is not null; token = ScopeOf(token))
        {
            if (token.Variables is { } locals && locals.ContainsKey(name))
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>
    /// Every variable visible from <see cref="Current"/> as one dictionary (what a script gets): the process's
    /// own dictionary when nothing local is in view, else a merged copy, inner scopes winning.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Visible()
    {
        List<Dictionary<string, object?>>? layers = null;
        for (var token = Current; token is not null; token = ScopeOf(token))
        {
            if (token.Variables is { Count: > 0 } locals)
            {
                (layers ??= new()).Add(locals);
            }
        }

        if (layers is null)
        {
            return instance.Variables;
        }

        var merged = new Dictionary<string, object?>(instance.Variables, StringComparer.Ordinal);
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            foreach (var (name, value) in layers[i])
            {
                merged[name] = value;
            }
        }

        return merged;
    }

    private Token? ScopeOf(Token token) => token.ScopeId is { } id ? instance.Tokens.Find(t => t.Id == id) : null;
}
