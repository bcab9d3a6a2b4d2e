using HypermediaBpm.Engine.Expressions;
using static HypermediaBpm.Engine.Tests.Expressions.Expr;

namespace HypermediaBpm.Engine.Tests.Expressions;

public class JuelOperatorTests
{
    [Theory]
    [InlineData("${1 + 2}", 3L)]
    [InlineData("${amount + 1}", 1501L)]
    [InlineData("${7 - 10}", -3L)]
    [InlineData("${6 * 7}", 42L)]
    [InlineData("${7 / 2}", 3.5)]
    [InlineData("${8 / 2}", 4.0)]
    [InlineData("${7 div 2}", 3.5)]
    [InlineData("${7 % 3}", 1L)]
    [InlineData("${7 mod 3}", 1L)]
    [InlineData("${7.5 % 2}", 1.5)]
    [InlineData("${price * 2}", 19.0)]
    [InlineData("${1 + 0.5}", 1.5)]
    [InlineData("${-amount}", -1500L)]
    [InlineData("${- -3}", 3L)]
    [InlineData("${numericText + 1}", 43L)]
    [InlineData("${nothing + 1}", 1L)]
    [InlineData("${9223372036854775807 + 1}", 9.2233720368547758E18)]
    [InlineData("${1.5e3}", 1500.0)]
    public void Arithmetic_Operands_ComputesValue(string source, object expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("${1 == 1}", true)]
    [InlineData("${1 == 1.0}", true)]
    [InlineData("${1 eq 2}", false)]
    [InlineData("${1 != 2}", true)]
    [InlineData("${1 ne 1}", false)]
    [InlineData("${name == 'Ada'}", true)]
    [InlineData("${name == \"Ada\"}", true)]
    [InlineData("${name != 'ada'}", true)]
    [InlineData("${numericText == 42}", true)]
    [InlineData("${approved == 'true'}", true)]
    [InlineData("${nothing == null}", true)]
    [InlineData("${null == nothing}", true)]
    [InlineData("${amount == null}", false)]
    [InlineData("${amount != null}", true)]
    [InlineData("${numbers == numbers}", true)]
    [InlineData("${amount < 2000}", true)]
    [InlineData("${amount lt 1500}", false)]
    [InlineData("${amount <= 1500}", true)]
    [InlineData("${amount le 1499.5}", false)]
    [InlineData("${amount > 1499.9}", true)]
    [InlineData("${amount gt 1500}", false)]
    [InlineData("${amount >= 1500}", true)]
    [InlineData("${amount ge 1500.1}", false)]
    [InlineData("${'apple' < 'banana'}", true)]
    [InlineData("${date >= '2024-01-15'}", true)]
    [InlineData("${date < '2024-02-29'}", false)]
    [InlineData("${nothing < 5}", false)]
    [InlineData("${nothing >= nothing}", true)]
    public void Comparison_Operands_ComputesBoolean(string source, bool expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("${true && true}", true)]
    [InlineData("${true && false}", false)]
    [InlineData("${true and false}", false)]
    [InlineData("${false || true}", true)]
    [InlineData("${false or false}", false)]
    [InlineData("${!approved}", false)]
    [InlineData("${not confirmed}", true)]
    [InlineData("${!nothing}", true)]
    [InlineData("${empty nothing}", true)]
    [InlineData("${empty blank}", true)]
    [InlineData("${empty emptyList}", true)]
    [InlineData("${empty numbers}", false)]
    [InlineData("${empty name}", false)]
    [InlineData("${not empty name}", true)]
    [InlineData("${empty undefinedVariable}", true)]
    [InlineData("${undefinedVariable == null}", true)]
    [InlineData("${undefinedVariable != null}", false)]
    [InlineData("${undefinedVariable.deeper == null}", true)]
    public void Logic_Operands_ComputesBoolean(string source, bool expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("${approved ? 'yes' : 'no'}", "yes")]
    [InlineData("${confirmed ? 'yes' : 'no'}", "no")]
    [InlineData("${amount > 1000 ? 'big' : amount > 100 ? 'medium' : 'small'}", "big")]
    [InlineData("${customer.name}", "Grace")]
    [InlineData("${customer.address.city}", "Arlington")]
    [InlineData("${customer['name']}", "Grace")]
    [InlineData("${customer[\"address\"]['city']}", "Arlington")]
    [InlineData("${customer.tags[1]}", "early")]
    [InlineData("${orders[2].id}", "o3")]
    [InlineData("${'it\\'s'}", "it's")]
    [InlineData("${\"say \\\"hi\\\"\"}", "say \"hi\"")]
    public void Access_PathsAndTernary_ReadsValue(string source, string expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("${numbers[0]}", 10L)]
    [InlineData("${numbers[3]}", null)]
    [InlineData("${numbers[-1]}", null)]
    [InlineData("${customer.missing}", null)]
    [InlineData("${customer.missing.deeper}", null)]
    [InlineData("${nothing.name}", null)]
    [InlineData("${customer['missing']}", null)]
    [InlineData("${null}", null)]
    public void Access_MissingOrNull_GivesNull(string source, object? expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("${1 + 2 * 3}", 7L)]
    [InlineData("${(1 + 2) * 3}", 9L)]
    [InlineData("${10 - 4 - 3}", 3L)]
    [InlineData("${-2 * 3}", -6L)]
    [InlineData("${2 * 3 % 4}", 2L)]
    public void Precedence_ArithmeticMix_FollowsElRules(string source, long expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("${true || false && false}", true)]
    [InlineData("${!false && false}", false)]
    [InlineData("${1 < 2 == true}", true)]
    [InlineData("${1 + 1 == 2 && 2 > 1}", true)]
    [InlineData("${false ? true : false || true}", true)]
    public void Precedence_LogicMix_FollowsElRules(string source, bool expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("${false && unknownVar}", false)]
    [InlineData("${true || unknownVar}", true)]
    [InlineData("${approved ? 1 : unknownVar}", 1L)]
    [InlineData("${confirmed and unknownVar > 3}", false)]
    public void ShortCircuit_UndecidedSideUnknown_DoesNotEvaluateIt(string source, object expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("${unknownVar}", "Unknown variable 'unknownVar'")]
    [InlineData("${true && unknownVar}", "Unknown variable 'unknownVar'")]
    [InlineData("${name + 1}", "Cannot convert 'Ada' to a number")]
    [InlineData("${approved + 1}", "Cannot use a boolean as a number")]
    [InlineData("${name > 5}", "Cannot convert 'Ada' to a number")]
    [InlineData("${approved > confirmed}", "Cannot order a boolean against a boolean")]
    [InlineData("${amount / 0}", "Division by zero")]
    [InlineData("${amount % 0}", "Division by zero")]
    [InlineData("${name.length}", "Cannot read property 'length' of a string")]
    [InlineData("${amount ? 1 : 2}", "Cannot use a number as a boolean")]
    [InlineData("${numbers == 'x'}", "Cannot compare a list with a string")]
    public void Evaluate_InvalidOperands_ThrowsNamingCause(string source, string cause)
    {
        var error = Fails(source);

        Assert.Equal("EXPRESSION_FAILED", error.Code);
        Assert.Equal(cause, error.Cause);
        Assert.Equal($"{cause} in {source}", error.Message);
    }

    [Fact]
    public void Evaluate_UnknownVariable_MessageNamesVariableAndExpression()
    {
        var error = Fails("${amount > 1000}", Vars());

        Assert.Equal("Unknown variable 'amount' in ${amount > 1000}", error.Message);
        Assert.Equal("${amount > 1000}", error.Context["expression"]);
    }

    [Fact]
    public void Evaluate_DeferredSyntax_WorksLikeImmediate()
    {
        Assert.Equal(true, Eval("#{approved}"));
    }

    [Fact]
    public void Evaluate_BpmnEngineEnvironmentPath_ReadsVariable()
    {
        var expression = ExpressionCompiler.Compile("${environment.variables.amount > 1000}");

        Assert.Equal(["amount"], expression.VariableNames);
        Assert.Equal(true, Eval("${environment.variables.amount > 1000}"));
    }
}
