using System.Diagnostics;
using HypermediaBpm.Engine.Scripting;
using static HypermediaBpm.Engine.Tests.Scripting.Script;

namespace HypermediaBpm.Engine.Tests.Scripting;

public class SandboxTests
{
    [Fact]
    public void Run_SyntaxError_ReportsLine()
    {
        var error = Fails("var a = 1;\nvar = ;");

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.Equal(2, error.Line);
        Assert.Equal(2, error.Context["line"]);
        Assert.StartsWith("Syntax error at line 2", error.Message);
    }

    [Fact]
    public void Run_ThrownError_ReportsMessageAndLine()
    {
        var error = Fails("var a = 1;\n\nthrow new Error('x');");

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.StartsWith("Error: x", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("undefinedFunction()", "ReferenceError")]
    [InlineData("var o = {}; o.missing()", "TypeError")]
    [InlineData("null.x", "TypeError")]
    [InlineData("throw 'bare string'", "bare string")]
    public void Run_RuntimeError_Fails(string script, string expected)
    {
        var error = Fails(script);

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Run_InfiniteLoop_StopsQuickly()
    {
        var watch = Stopwatch.StartNew();

        var error = Fails("while (true) {}");

        // Whichever limit comes first: 100,000 statements usually, the 2 s clock on a busy machine.
        Assert.Contains(error.Code, new[] { ScriptException.StatementLimitCode, ScriptException.TimeoutCode });
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Run_InfiniteLoopWithTimeToSpare_StopsAtStatementLimit()
    {
        var limits = ScriptLimits.Default with { Timeout = TimeSpan.FromSeconds(60) };

        var error = Fails("var i = 0; while (true) { i++; }", limits);

        Assert.Equal(ScriptException.StatementLimitCode, error.Code);
        Assert.Equal("Script executed more than 100000 statements", error.Message);
    }

    [Fact]
    public void Run_InfiniteLoopWithManyStatementsAllowed_StopsAtTimeout()
    {
        var limits = new ScriptLimits(TimeSpan.FromMilliseconds(300), int.MaxValue, 64);
        var watch = Stopwatch.StartNew();

        var error = Fails("while (true) {}", limits);

        Assert.Equal(ScriptException.TimeoutCode, error.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Run_CatastrophicRegex_EndsAtRegexTimeout()
    {
        // Catastrophic backtracking runs inside .NET's Regex, where no statement is counted; the regex's own
        // timeout ends it on the running thread, so nothing is left behind when the answer comes.
        var limits = ScriptLimits.Default with { RegexTimeout = TimeSpan.FromMilliseconds(200) };
        var watch = Stopwatch.StartNew();

        var error = Fails("/(a+)+b/.test(new Array(30).join('a') + 'c')", limits);

        Assert.Equal(ScriptException.TimeoutCode, error.Code);
        Assert.Contains("regular expression", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Run_UnboundedRecursion_StopsAtRecursionLimit()
    {
        var error = Fails("function f(n) { return f(n + 1); } f(0);");

        Assert.Equal(ScriptException.RecursionLimitCode, error.Code);
    }

    [Fact]
    public void Run_BoundedRecursion_IsAllowed()
    {
        Assert.Equal(55L, Value("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(10)"));
    }

    [Theory]
    [InlineData("var o = {}; o.valueOf = function () { return o + 1; }; o + 1")]
    [InlineData("var o = {}; Object.defineProperty(o, 'x', { get: function () { return o.x; } }); o.x")]
    public void Run_RecursionJintDoesNotCount_StopsWithoutCrashing(string script)
    {
        var error = Fails(script);

        // Jint 4 counts the getter's recursion and its stack guard stops valueOf's; any limit will do, a crash would not.
        Assert.Contains(error.Code, new[] { ScriptException.StatementLimitCode, ScriptException.TimeoutCode, ScriptException.RecursionLimitCode });
    }

    [Theory]
    [InlineData("var s = '1'; for (var i = 0; i < 5000; i++) { s = '(' + s + ')'; } eval(s)")]
    [InlineData("var s = '1'; for (var i = 0; i < 5000; i++) { s = '[' + s + ']'; } Function('return ' + s)")]
    [InlineData("var s = '1'; for (var i = 0; i < 5000; i++) { s = '{a:' + s + '}'; } new Function('return ' + s)")]
    [InlineData("var s = '['; for (var i = 0; i < 17; i++) { s += s; } JSON.parse(s)")]
    public void Run_DeeplyNestedCodeBuiltAtRunTime_FailsWithoutCrashing(string script)
    {
        var error = Fails(script);

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.Contains("nests brackets more than", error.Message);
    }

    [Fact]
    public void Run_DeeplyNestedSource_FailsBeforeParsing()
    {
        var error = Fails("var x = 1;\nvar y = " + new string('(', 10_000) + "1" + new string(')', 10_000) + ";");

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("eval('1 + 2')", 3L)]
    [InlineData("new Function('a', 'return a * 2')(21)", 42L)]
    [InlineData("Function('return 7')()", 7L)]
    [InlineData("(function () {}) instanceof Function", true)]
    [InlineData("(function () {}).constructor === Function", true)]
    [InlineData("JSON.parse('{\"a\":[1,2]}').a[1]", 2L)]
    [InlineData("JSON.stringify({ a: [1, '(]'] })", "{\"a\":[1,\"(]\"]}")]
    [InlineData("'((((' + \"[[[[\" + /[(]{2}/.source // ((((((", "(((([[[[[(]{2}")]
    public void Run_GuardedBuiltIns_StillWork(string script, object expected)
    {
        Assert.Equal(expected, Value(script));
    }

    [Theory]
    [InlineData("typeof System")]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof clrHelper")]
    [InlineData("typeof require")]
    [InlineData("typeof process")]
    [InlineData("typeof File")]
    [InlineData("typeof execution.GetType")]
    [InlineData("typeof execution.getVariable.GetType")]
    [InlineData("typeof customer.GetType")]
    [InlineData("typeof customer.Keys")]
    [InlineData("typeof customer.tags.Count")]
    [InlineData("typeof (function () { return this; })().System")]
    public void Run_ClrAndHostObjects_AreNotReachable(string script)
    {
        Assert.Equal("undefined", Value(script));
    }

    [Theory]
    [InlineData("importNamespace('System.IO').File.ReadAllText('/etc/passwd')")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("execution.getVariable.constructor('return System')().IO")]
    public void Run_FileSystemAccess_Fails(string script)
    {
        var error = Fails(script);

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.Contains("Error", error.Message);
    }

    [Fact]
    public void Run_ValuesFromEngine_ArePlainJavaScript()
    {
        Assert.Equal(true, Value("customer.constructor === Object && Array.isArray(customer.tags) && Object.keys(customer).join() === 'name,tags,address'"));
    }

    [Fact]
    public void Run_SecondRun_SeesNoStateFromFirst()
    {
        Run("leaked = 5; Object.prototype.polluted = 1; Array.prototype.push = null; Math.max = null;");

        Assert.Equal(true, Value("typeof leaked === 'undefined' && ({}).polluted === undefined && typeof [].push === 'function' && Math.max(1, 2) === 2"));
    }

    [Fact]
    public void Run_ParallelRuns_AreIsolated()
    {
        var results = Enumerable.Range(0, 16).AsParallel().Select(i =>
            Run("var mine = execution.getVariable('i'); execution.setVariable('out', mine * 10); mine", new Dictionary<string, object?> { ["i"] = (long)i }))
            .ToList();

        Assert.All(results, result => Assert.Equal((long)result.CompletionValue! * 10, result.VariablesSet["out"]));
    }

    [Theory]
    [InlineData("javascript")]
    [InlineData("JavaScript")]
    [InlineData("js")]
    [InlineData("ECMAScript")]
    [InlineData("text/javascript")]
    [InlineData("application/javascript")]
    [InlineData(null)]
    [InlineData("")]
    public void Supports_JavaScriptFormats_True(string? format)
    {
        Assert.True(new JavaScriptRunner().Supports(format));
    }

    [Theory]
    [InlineData("groovy")]
    [InlineData("python")]
    [InlineData("juel")]
    [InlineData("text/x-groovy")]
    public void Supports_OtherFormats_False(string format)
    {
        Assert.False(new JavaScriptRunner().Supports(format));
    }

    [Fact]
    public void Run_UnsupportedFormat_Throws()
    {
        Assert.Throws<ArgumentException>(() => new JavaScriptRunner().Run("groovy", "1", Sample(), ScriptLimits.Default));
    }
}
