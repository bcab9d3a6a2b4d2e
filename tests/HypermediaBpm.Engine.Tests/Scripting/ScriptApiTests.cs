using HypermediaBpm.Engine.Scripting;
using static HypermediaBpm.Engine.Tests.Scripting.Script;

namespace HypermediaBpm.Engine.Tests.Scripting;

public class ScriptApiTests
{
    [Theory]
    [InlineData("execution.getVariable('amount') * 2", 3000L)]
    [InlineData("amount + 1", 1501L)]
    [InlineData("price * 2", 19L)]
    [InlineData("price / 2", 4.75)]
    [InlineData("name + '!'", "Ada!")]
    [InlineData("environment.variables.name + variables.name", "AdaAda")]
    [InlineData("customer.address.city", "Arlington")]
    [InlineData("customer.tags.length", 5L)]
    [InlineData("execution.getVariable('customer').tags[2]", 2.5)]
    [InlineData("execution.hasVariable('nothing')", true)]
    [InlineData("execution.hasVariable('missing')", false)]
    [InlineData("execution.getVariable('missing') === null", true)]
    [InlineData("nothing === null", true)]
    [InlineData("approved && !!execution.getVariables().approved", true)]
    [InlineData("var x = 2; x * 21", 42L)]
    [InlineData("Math.max(1, 2)", 2L)]
    [InlineData("typeof execution.setVariable", "function")]
    public void Run_ReadsVariables_CompletesWithValue(string script, object expected)
    {
        Assert.Equal(expected, Value(script));
    }

    [Fact]
    public void Run_SetVariable_ReturnsOnlyWhatWasSet()
    {
        var result = Run("""
            execution.setVariable('total', amount * 2);
            execution.setVariable('label', 'x');
            execution.setVariable('ratio', 0.25);
            execution.setVariable('cleared', null);
            execution.setVariable('flag', true);
            execution.setVariable('total', execution.getVariable('total') + 1);
            amount = 5;
            environment.variables.name = 'changed';
            """);

        Assert.Equal(["total", "label", "ratio", "cleared", "flag"], result.VariablesSet.Keys);
        Assert.Equal(3001L, result.VariablesSet["total"]);
        Assert.Equal("x", result.VariablesSet["label"]);
        Assert.Equal(0.25, result.VariablesSet["ratio"]);
        Assert.Null(result.VariablesSet["cleared"]);
        Assert.Equal(true, result.VariablesSet["flag"]);
    }

    [Fact]
    public void Run_SetThenGet_SeesNewValue()
    {
        Assert.Equal(true, Value("execution.setVariable('fresh', 1); execution.hasVariable('fresh') && execution.getVariable('fresh') === 1"));
    }

    [Fact]
    public void Run_DeepValues_RoundTripUnchanged()
    {
        var variables = Sample();

        var result = Run("execution.setVariable('copy', customer); execution.setVariable('viaGet', execution.getVariable('customer'));", variables);

        Assert.Equal(variables["customer"], result.VariablesSet["copy"]);
        Assert.Equal(variables["customer"], result.VariablesSet["viaGet"]);
        Assert.IsType<Dictionary<string, object?>>(result.VariablesSet["copy"]);
    }

    [Fact]
    public void Run_ObjectsAndArraysBuiltByScript_ConvertToValueModel()
    {
        var result = Run("execution.setVariable('made', { list: [1, 'two', { three: 3.5 }, [true]], empty: {}, gone: undefined, nil: null });");

        var expected = new Dictionary<string, object?>
        {
            ["list"] = new List<object?> { 1L, "two", new Dictionary<string, object?> { ["three"] = 3.5 }, new List<object?> { true } },
            ["empty"] = new Dictionary<string, object?>(),
            ["gone"] = null,
            ["nil"] = null,
        };
        Assert.Equal(expected, result.VariablesSet["made"]);
    }

    [Theory]
    [InlineData("1e20", 1e20)]
    [InlineData("-0", 0L)]
    [InlineData("Math.pow(2, 53)", 9007199254740992L)]
    [InlineData("1 / 3", 1.0 / 3)]
    [InlineData("0 / 0", null)]
    [InlineData("1 / 0", null)]
    [InlineData("undefined", null)]
    [InlineData("new Number(4)", 4L)]
    [InlineData("new String('s')", "s")]
    [InlineData("new Date(Date.UTC(2024, 2, 1, 12, 30))", "2024-03-01T12:30:00.000Z")]
    public void Run_CompletionValue_ConvertsToValueModel(string script, object? expected)
    {
        Assert.Equal(expected, Value(script));
    }

    [Fact]
    public void Run_CompletionObject_ConvertsToDictionary()
    {
        var value = Value("({ ok: true, items: [1, 2] })");

        Assert.Equal(new Dictionary<string, object?> { ["ok"] = true, ["items"] = new List<object?> { 1L, 2L } }, value);
    }

    [Fact]
    public void Run_Script_DoesNotChangeCallerVariables()
    {
        var variables = Sample();

        Run("customer.name = 'changed'; customer.tags.push('x'); execution.getVariable('customer').address.city = 'y';", variables);

        Assert.Equal(Sample()["customer"], variables["customer"]);
    }

    [Theory]
    [InlineData("execution.setVariable('f', function () {})", "Variable 'f' cannot be stored: a function cannot be stored")]
    [InlineData("execution.setVariable('o', { nested: { fn: Math.max } })", "Variable 'o' cannot be stored: a function cannot be stored")]
    [InlineData("var o = {}; o.self = o; execution.setVariable('o', o)", "Variable 'o' cannot be stored: the value contains a circular reference")]
    [InlineData("execution.setVariable('r', /x/)", "Variable 'r' cannot be stored: a regular expression cannot be stored")]
    [InlineData("execution.setVariable(42, 1)", "A variable name must be a string")]
    public void Run_UnstorableValue_FailsAsTypeError(string script, string message)
    {
        var error = Fails(script);

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.Contains($"TypeError: {message}", error.Message);
    }

    [Fact]
    public void Run_DeeplyNestedValue_Refused()
    {
        var error = Fails("var o = {}; for (var i = 0; i < 100; i++) { o = { o: o }; } execution.setVariable('deep', o);");

        Assert.Contains("nests more than 64 levels", error.Message);
    }

    [Fact]
    public void Run_FunctionAsCompletionValue_Fails()
    {
        var error = Fails("(function () {})");

        Assert.Equal("Script result cannot be stored: a function cannot be stored", error.Message);
    }

    [Fact]
    public void Run_NextWithResult_UsesItAsCompletionValue()
    {
        var result = Run("var total = environment.variables.amount * 2; next(null, { total: total }); 'ignored'");

        Assert.Equal(new Dictionary<string, object?> { ["total"] = 3000L }, result.CompletionValue);
    }

    [Fact]
    public void Run_NextWithPlainValue_Completes()
    {
        Assert.Equal(42L, Value("next(null, 42)"));
    }

    [Theory]
    [InlineData("next(new Error('payment declined'))", "payment declined")]
    [InlineData("next('plain text failure')", "plain text failure")]
    public void Run_NextWithError_Fails(string script, string message)
    {
        var error = Fails(script);

        Assert.Equal(ScriptException.FailedCode, error.Code);
        Assert.Equal($"Script reported an error through next(): {message}", error.Message);
    }

    [Fact]
    public void Run_VariableNamedLikeBuiltIn_DoesNotHideIt()
    {
        var variables = new Dictionary<string, object?> { ["Math"] = 1L, ["execution"] = 2L, ["x"] = 3L };

        Assert.Equal(4L, Value("Math.abs(-1) + execution.getVariable('execution') + execution.getVariable('Math') - 0 * x", variables));
    }
}
