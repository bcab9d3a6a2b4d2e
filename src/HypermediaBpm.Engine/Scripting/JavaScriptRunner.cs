using Jint.Native;
using Jint.Parser;
using Jint.Runtime;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// Runs JavaScript (ES5) script tasks with Jint 2.10 in a sandbox: a new interpreter per run, no CLR access,
/// the <see cref="ScriptLimits"/> enforced, and the script API described in docs/expressions.md.
/// </summary>
/// <remarks>
/// Each run gets its own thread because Jint cannot bound the stack of every kind of recursion (a getter or
/// <c>valueOf</c> calling itself is not counted as recursion) and a .NET stack overflow ends the process. The
/// thread's stack is sized from <see cref="ScriptLimits.MaxStatements"/>, since every level of such recursion
/// executes at least one statement. The caller waits at most <see cref="ScriptLimits.Timeout"/> plus a grace
/// period: a built-in that runs long without executing statements (a pathological regular expression) is
/// abandoned there and reported as a timeout.
/// </remarks>
public sealed class JavaScriptRunner : IScriptRunner
{
    private const long Megabyte = 1024 * 1024;

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private static readonly HashSet<string> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        "javascript", "js", "ecmascript", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript",
    };

    /// <inheritdoc />
    public bool Supports(string? scriptFormat) => string.IsNullOrWhiteSpace(scriptFormat) || Formats.Contains(scriptFormat.Trim());

    /// <inheritdoc />
    public ScriptResult Run(string scriptFormat, string script, IReadOnlyDictionary<string, object?> variables, ScriptLimits limits)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(limits);
        if (!Supports(scriptFormat))
        {
            throw new ArgumentException($"Script format '{scriptFormat}' is not JavaScript.", nameof(scriptFormat));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limits.Timeout, TimeSpan.Zero, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limits.MaxStatements, 0, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limits.MaxRecursionDepth, 0, nameof(limits));

        if (SourceNesting.FindTooDeep(script, ScriptSandbox.MaxNesting) is { } offset)
        {
            var (line, column) = SourceNesting.Locate(script, offset);
            throw new ScriptException(ScriptException.FailedCode,
                $"Script nests brackets more than {ScriptSandbox.MaxNesting} levels deep at line {line}, column {column}", line, column);
        }

        // The copy keeps an abandoned run from ever reading the caller's dictionary after Run has returned.
        var copy = new Dictionary<string, object?>(variables, StringComparer.Ordinal);
        ScriptResult? result = null;
        ScriptException? failure = null;
        var worker = new Thread(() => (result, failure) = Execute(script, copy, limits), StackSize(limits))
        {
            IsBackground = true,
            Name = "Script task",
        };
        worker.Start();
        if (!worker.Join(limits.Timeout + Grace))
        {
            throw new ScriptException(ScriptException.TimeoutCode,
                $"Script did not finish within {limits.Timeout.TotalMilliseconds:0} ms and was abandoned");
        }

        return failure is null ? result! : throw failure;
    }

    private static int StackSize(ScriptLimits limits) =>
        (int)Math.Clamp(16 * Megabyte + 2048L * limits.MaxStatements, 16 * Megabyte, 1024 * Megabyte);

    // Runs on the worker thread, translation included: describing a JS error may run script code (a getter).
    private static (ScriptResult?, ScriptException?) Execute(string script, IReadOnlyDictionary<string, object?> variables, ScriptLimits limits)
    {
        try
        {
            var engine = ScriptSandbox.CreateEngine(limits);
            var api = new ScriptApi(engine, variables);
            api.Install();
            var completion = engine.Execute(script).GetCompletionValue();
            return (api.Finish(completion), null);
        }
        catch (Exception e)
        {
            return (null, Translate(e, limits));
        }
    }

    private static ScriptException Translate(Exception e, ScriptLimits limits) => e switch
    {
        ScriptException script => script,
        ParserException syntax => new ScriptException(ScriptException.FailedCode,
            $"Syntax error at line {syntax.LineNumber}, column {syntax.Column}: {syntax.Description}", syntax.LineNumber, syntax.Column, syntax),
        JavaScriptException thrown => new ScriptException(ScriptException.FailedCode,
            $"{Describe(thrown.Error, thrown.Message)}{At(thrown.LineNumber, thrown.Column)}", Positive(thrown.LineNumber), Positive(thrown.Column), thrown),
        TimeoutException => new ScriptException(ScriptException.TimeoutCode,
            $"Script ran longer than {limits.Timeout.TotalMilliseconds:0} ms", inner: e),
        StatementsCountOverflowException => new ScriptException(ScriptException.StatementLimitCode,
            $"Script executed more than {limits.MaxStatements} statements", inner: e),
        RecursionDepthOverflowException recursion => new ScriptException(ScriptException.RecursionLimitCode,
            $"Script recursed more than {limits.MaxRecursionDepth} levels deep in {recursion.CallExpressionReference}", inner: e),
        OutOfMemoryException => new ScriptException(ScriptException.FailedCode, "Script ran out of memory", inner: e),
        _ => new ScriptException(ScriptException.FailedCode, $"Script failed: {e.Message}", inner: e),
    };

    private static string Describe(JsValue error, string fallback)
    {
        try
        {
            if (error.IsObject())
            {
                var target = error.AsObject();
                var name = target.Get("name");
                var message = target.Get("message");
                if (name.IsString() && message.IsString())
                {
                    return $"{name.AsString()}: {message.AsString()}";
                }
            }

            return error.IsString() ? error.AsString() : fallback;
        }
        catch (Exception)
        {
            // A throwing getter on the error object must not hide the original failure.
            return fallback;
        }
    }

    private static string At(int line, int column) => line > 0 ? $" (line {line}, column {column})" : string.Empty;

    private static int? Positive(int value) => value > 0 ? value : null;
}
