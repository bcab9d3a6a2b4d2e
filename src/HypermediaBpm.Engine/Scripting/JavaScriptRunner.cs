using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Acornima;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// Runs JavaScript (ES2023; ES5 scripts run unchanged) script tasks with Jint 4 in a sandbox: a new interpreter per
/// run, no CLR access, the <see cref="ScriptLimits"/> enforced, and the script API described in docs/expressions.md.
/// </summary>
/// <remarks>
/// A run executes on the calling thread. Every limit — time, statements, recursion, allocated bytes, regular
/// expression time, cancellation — is checked by the interpreter on that thread and ends the run by throwing there,
/// so when <see cref="Run"/> answers, nothing of the script is left running. Recursion the recursion limit does not
/// see (a getter or <c>valueOf</c> calling itself) ends at Jint's stack guard with a RangeError instead of a stack
/// overflow, which no thread could survive.
/// </remarks>
public sealed class JavaScriptRunner : IScriptRunner
{
    /// <summary>How many distinct checked scripts are kept parsed; a model has a handful, a server a few hundred.</summary>
    private const int PreparedCacheSize = 512;

    private static readonly HashSet<string> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        "javascript", "js", "ecmascript", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript",
    };

    // Parsing is most of a small script's run; a parsed script is immutable and may run in any number of interpreters.
    private readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> _prepared = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Supports(string? scriptFormat) => string.IsNullOrWhiteSpace(scriptFormat) || Formats.Contains(scriptFormat.Trim());

    /// <inheritdoc />
    public ScriptResult Run(
        string scriptFormat, string script, IReadOnlyDictionary<string, object?> variables, ScriptLimits limits,
        CancellationToken cancellationToken = default)
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
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limits.MaxAllocatedBytes, 0, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limits.RegexTimeout, TimeSpan.Zero, nameof(limits));
        cancellationToken.ThrowIfCancellationRequested();

        var program = _prepared.TryGetValue(script, out var cached) ? cached : Remember(script, Prepare(script));
        try
        {
            var engine = ScriptSandbox.CreateEngine(limits, cancellationToken);
            var api = new ScriptApi(engine, variables);
            api.Install();
            var completion = engine.Evaluate(program);

            // Converting the result may run the script's getters: through the engine, so under its limits too.
            ScriptResult? result = null;
            engine.Call(new ClrFunction(engine, "finish", (_, arguments) =>
            {
                result = api.Finish(Arguments.At(arguments, 0));
                return JsValue.Undefined;
            }, 1), JsValue.Undefined, [completion]);
            return result!;
        }
        catch (Exception e) when (e is not ScriptException)
        {
            throw Translate(e, limits, cancellationToken);
        }
    }

    private Prepared<Acornima.Ast.Script> Remember(string script, Prepared<Acornima.Ast.Script> program)
    {
        if (_prepared.Count >= PreparedCacheSize)
        {
            // Crude but bounded: scripts come from deployed models, so the set is small unless models churn.
            _prepared.Clear();
        }

        _prepared[script] = program;
        return program;
    }

    private static Prepared<Acornima.Ast.Script> Prepare(string script)
    {
        if (SourceNesting.FindTooDeep(script, ScriptSandbox.MaxNesting) is { } offset)
        {
            var (line, column) = SourceNesting.Locate(script, offset);
            throw new ScriptException(ScriptException.FailedCode,
                $"Script nests brackets more than {ScriptSandbox.MaxNesting} levels deep at line {line}, column {column}", line, column);
        }

        Prepared<Acornima.Ast.Script> program;
        try
        {
            program = Jint.Engine.PrepareScript(script);
        }
        catch (Exception e) when (e is ScriptPreparationException or ParseErrorException or InsufficientExecutionStackException)
        {
            throw e.InnerException is ParseErrorException syntax
                ? SyntaxError(syntax)
                : e is ParseErrorException direct
                    ? SyntaxError(direct)
                    : new ScriptException(ScriptException.FailedCode, $"Script cannot be run: {e.Message}", inner: e);
        }

        if (ScriptSource.FindBigInt(program.Program!) is { } at)
        {
            throw new ScriptException(ScriptException.FailedCode,
                $"Script uses BigInt at line {at.Start.Line}, column {at.Start.Column + 1}; script tasks do not offer BigInt",
                at.Start.Line, at.Start.Column + 1);
        }

        return program;
    }

    private static ScriptException SyntaxError(ParseErrorException syntax) =>
        new(ScriptException.FailedCode, $"Syntax error at line {syntax.LineNumber}, column {syntax.Column}: {syntax.Description}",
            Positive(syntax.LineNumber), Positive(syntax.Column), syntax);

    private static Exception Translate(Exception e, ScriptLimits limits, CancellationToken cancellationToken) => e switch
    {
        ExecutionCanceledException or OperationCanceledException when cancellationToken.IsCancellationRequested =>
            new OperationCanceledException("The script run was cancelled.", e, cancellationToken),
        JavaScriptException thrown when IsStackGuard(thrown) => new ScriptException(ScriptException.RecursionLimitCode,
            $"Script recursed deeper than the stack allows{At(thrown)}", Line(thrown), Column(thrown), thrown),
        JavaScriptException thrown => new ScriptException(ScriptException.FailedCode,
            $"{Describe(thrown.Error, thrown.Message)}{At(thrown)}", Line(thrown), Column(thrown), thrown),
        RegexMatchTimeoutException => new ScriptException(ScriptException.TimeoutCode,
            $"A regular expression ran longer than {limits.RegexTimeout.TotalMilliseconds:0} ms", inner: e),
        TimeoutException => new ScriptException(ScriptException.TimeoutCode,
            $"Script ran longer than {limits.Timeout.TotalMilliseconds:0} ms", inner: e),
        StatementsCountOverflowException => new ScriptException(ScriptException.StatementLimitCode,
            $"Script executed more than {limits.MaxStatements} statements", inner: e),
        RecursionDepthOverflowException recursion => new ScriptException(ScriptException.RecursionLimitCode,
            $"Script recursed more than {limits.MaxRecursionDepth} levels deep in {recursion.CallExpressionReference}", inner: e),
        InsufficientExecutionStackException => new ScriptException(ScriptException.RecursionLimitCode,
            "Script recursed or nested deeper than the stack allows", inner: e),
        MemoryLimitExceededException or OutOfMemoryException => new ScriptException(ScriptException.MemoryLimitCode,
            $"Script allocated more than {limits.MaxAllocatedBytes} bytes", inner: e),
        _ => new ScriptException(ScriptException.FailedCode, $"Script failed: {e.Message}", inner: e),
    };

    // Jint's stack guard throws a RangeError the script could catch; uncaught, it is the recursion limit by another name.
    private static bool IsStackGuard(JavaScriptException thrown) =>
        thrown.Error is Jint.Native.Object.ObjectInstance error
        && error.Get("message") is JsString message
        && message.ToString() == "Maximum call stack size exceeded";

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

    private static string At(JavaScriptException thrown) =>
        Line(thrown) is { } line ? $" (line {line}, column {Column(thrown)})" : string.Empty;

    private static int? Line(JavaScriptException thrown) => Positive(thrown.Location.Start.Line);

    // Jint counts columns from 0; script authors (and this engine's contexts) from 1.
    private static int? Column(JavaScriptException thrown) => Line(thrown) is null ? null : thrown.Location.Start.Column + 1;

    private static int? Positive(int value) => value > 0 ? value : null;
}
