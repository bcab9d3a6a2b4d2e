namespace HypermediaBpm.Engine.Scripting;

/// <summary>Runs the script of a script task in a sandbox.</summary>
public interface IScriptRunner
{
    /// <summary>
    /// Runs <paramref name="script"/> with a copy of <paramref name="variables"/> and returns what it produced.
    /// Nothing the script does reaches the caller's dictionary; changes come back in <see cref="ScriptResult"/>.
    /// The run ends, on the calling thread, before this returns or throws: nothing of it keeps running afterwards.
    /// </summary>
    /// <exception cref="ScriptException">The script failed, or ran into one of the <paramref name="limits"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the run.</exception>
    ScriptResult Run(
        string scriptFormat, string script, IReadOnlyDictionary<string, object?> variables, ScriptLimits limits,
        CancellationToken cancellationToken = default);

    /// <summary>Whether this runner understands the <c>scriptFormat</c> of a script task.</summary>
    bool Supports(string? scriptFormat);
}
