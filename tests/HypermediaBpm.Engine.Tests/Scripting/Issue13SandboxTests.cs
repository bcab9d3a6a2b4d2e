using System.Diagnostics;
using HypermediaBpm.Engine.Scripting;
using static HypermediaBpm.Engine.Tests.Scripting.Script;

namespace HypermediaBpm.Engine.Tests.Scripting;

/// <summary>
/// Issue 13, finding 5: what Jint 4's own limits leave open, closed by the sandbox, and what the move to Jint 4
/// gives scripts (ES2023).
/// </summary>
public sealed class Issue13SandboxTests
{
    // Each walks 2^32 (or 2^53) indexes inside .NET without counting a statement: seconds to minutes of a core.
    [Theory]
    [InlineData("var a = []; a.length = 4294967294; a.concat([1]).length")]
    [InlineData("var a = []; a[4294967293] = 1; [].concat(a).length")]
    [InlineData("var a = []; a.length = 4294967295; a.map(function () {}).length")]
    [InlineData("var a = []; a.length = 4294967295; a.slice(1).length")]
    [InlineData("var a = []; a.length = 4294967295; [...a].length")]
    [InlineData("var a = []; a.length = 4294967295; Math.max(...a)")]
    [InlineData("var a = []; a.length = 4294967295; new Uint8Array(a).length")]
    [InlineData("var a = []; a.length = 4294967295; new Set(a).size")]
    [InlineData("(function () { arguments.length = 4294967295; return [...arguments].length; })()")]
    [InlineData("Array.prototype.indexOf.call({ length: 9007199254740991 }, 1)")]
    [InlineData("'a'.localeCompare('b', { length: 9007199254740991 })")]
    [InlineData("(1).toLocaleString({ length: 9007199254740991 })")]
    public void Issue13_BuiltInWalkingEveryIndex_RefusesHugeLengthUpFront(string script)
    {
        var watch = Stopwatch.StartNew();

        var error = Fails(script);

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.StartsWith("RangeError:", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("Atomics")]
    [InlineData("SharedArrayBuffer")]
    [InlineData("BigInt")]
    [InlineData("BigInt64Array")]
    [InlineData("BigUint64Array")]
    [InlineData("Temporal")]
    [InlineData("ShadowRealm")]
    [InlineData("Intl")]
    [InlineData("FinalizationRegistry")]
    [InlineData("WeakRef")]
    [InlineData("new DataView(new ArrayBuffer(8)).getBigInt64")]
    public void Issue13_BuiltInThatBlocksOrRunsUnbounded_IsWithheld(string expression)
    {
        Assert.Equal("undefined", Value($"typeof {expression}"));
    }

    [Theory]
    [InlineData("var x = 3n; for (var i = 0; i < 24; i++) { x = x * x; }", "Script uses BigInt at line 1")]
    [InlineData("eval('3n * 3n')", "Text passed to eval uses BigInt")]
    [InlineData("Function('return 3n')()", "Text passed to Function uses BigInt")]
    [InlineData("new Function('x', 'return x * 3n')", "Text passed to Function uses BigInt")]
    public void Issue13_BigInt_IsRefusedBeforeItRuns(string script, string message)
    {
        var error = Fails(script);

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Object.getPrototypeOf(async function () {}).constructor('return 1')")]
    [InlineData("Object.getPrototypeOf(function* () {}).constructor('yield 1')")]
    [InlineData("Object.getPrototypeOf(async function* () {}).constructor('yield 1')")]
    public void Issue13_CodeBuiltAtRunTimeOutsideEvalAndFunction_IsRefused(string script)
    {
        var error = Fails(script);

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.StartsWith("EvalError: Code built at run time is only accepted through eval() and Function()", error.Message);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("- ", "")]
    [InlineData("!", "")]
    [InlineData("typeof ", "")]
    public void Issue13_SourceNestedHundredThousandDeep_FailsWithoutCrashing(string open, string close)
    {
        var script = "var x = " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000)) + ";";

        var error = Fails(script);

        Assert.Contains(error.Code, new[] { ScriptException.FailedCode, ScriptException.RecursionLimitCode });
    }

    [Fact]
    public void Issue13_CancelledRun_EndsOnTheCallingThread()
    {
        var limits = new ScriptLimits(TimeSpan.FromMinutes(5), int.MaxValue, 64);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new JavaScriptRunner().Run("javascript", "while (true) {}", Sample(), limits, cancellation.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Issue13_OneParsedScript_RunsInManyInterpretersAtOnce()
    {
        // One runner keeps the parsed script; every run still gets an interpreter of its own.
        var runner = new JavaScriptRunner();
        const string script = "let mine = execution.getVariable('i'); Object.prototype.seen = mine; execution.setVariable('out', mine * 10); mine";

        var results = Enumerable.Range(0, 32).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => runner.Run("javascript", script, new Dictionary<string, object?> { ["i"] = (long)i }, ScriptLimits.Default))
            .ToList();

        Assert.All(results, result => Assert.Equal((long)result.CompletionValue! * 10, result.VariablesSet["out"]));
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (long)i), results.Select(r => (long)r.CompletionValue!).Order());
    }

    [Theory]
    [InlineData("let total = 0; for (const n of [1, 2, 3]) { total += n; } total", 6L)]
    [InlineData("const double = x => x * 2; [1, 2].map(double).join()", "2,4")]
    [InlineData("`${name} owes ${amount}`", "Ada owes 1500")]
    [InlineData("const { city } = customer.address; city", "Arlington")]
    [InlineData("[3, 1, 2].toSorted().at(-1)", 3L)]
    [InlineData("Object.entries({ a: 1 }).flat().join()", "a,1")]
    [InlineData("class Money { constructor(n) { this.n = n; } twice() { return this.n * 2; } } new Money(21).twice()", 42L)]
    [InlineData("(customer?.missing?.deep ?? 'none')", "none")]
    public void Issue13_Es2023Syntax_Runs(string script, object expected)
    {
        Assert.Equal(expected, Value(script));
    }
}
