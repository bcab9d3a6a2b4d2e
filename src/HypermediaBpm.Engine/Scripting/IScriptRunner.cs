namespace HypermediaBpm.Engine.Scripting;

/// <summary>Runs the script of a script task in a sandbox.</summary>
public interface IScriptRunner
{
    /// <summary>
    /// Runs <paramref name="script"/> with a copy of <paramref name="variables"/> and returns what it produced.
    /// Nothing the script does reaches the caller's dictionary; changes come back in <see cref="ScriptResult"/>.
    /// </summary>
    /// <exception cref="ScriptException">The script failed, or ran into one of the <paramref name="limits"/>.</exception>
    ScriptResult Run(string scriptFormat, string script, IReadOnlyDictionary<string, object?> variables, ScriptLimits limits);

    /// <summary>Whether this runner understands the <c>scriptFormat</c> of a script task.</summary>
    bool Supports(string? scriptFormat);
}
