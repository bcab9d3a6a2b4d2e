using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// A script task's script failed: a syntax or runtime error (<see cref="FailedCode"/>) or one of the sandbox
/// limits. <see cref="Line"/> and <see cref="Column"/> point into the script when the interpreter knows them.
/// </summary>
public sealed class ScriptException : EngineException
{
    /// <summary>Syntax error, runtime error, error passed to <c>next()</c>, or a value that cannot be stored.</summary>
    public const string FailedCode = "SCRIPT_FAILED";

    /// <summary>The script ran longer than <see cref="ScriptLimits.Timeout"/>.</summary>
    public const string TimeoutCode = "SCRIPT_TIMEOUT";

    /// <summary>The script executed more than <see cref="ScriptLimits.MaxStatements"/> statements.</summary>
    public const string StatementLimitCode = "SCRIPT_STATEMENT_LIMIT";

    /// <summary>A function recursed deeper than <see cref="ScriptLimits.MaxRecursionDepth"/>, or than the stack allows.</summary>
    public const string RecursionLimitCode = "SCRIPT_RECURSION_LIMIT";

    /// <summary>The script allocated more than <see cref="ScriptLimits.MaxAllocatedBytes"/>.</summary>
    public const string MemoryLimitCode = "SCRIPT_MEMORY_LIMIT";

    internal ScriptException(string code, string message, int? line = null, int? column = null, Exception? inner = null)
        : base(code, message, Describe(line, column), inner)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line in the script, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column in the script, when known.</summary>
    public int? Column { get; }

    private static Dictionary<string, object?> Describe(int? line, int? column)
    {
        var context = new Dictionary<string, object?>();
        if (line is > 0)
        {
            context["line"] = line;
            context["column"] = column;
        }

        return context;
    }
}
