using HypermediaBpm.Engine.Expressions;
using static HypermediaBpm.Engine.Tests.Expressions.Expr;

namespace HypermediaBpm.Engine.Tests.Expressions;

/// <summary>Conditions found in the BPMN corpus (docs: bpmn-corpus README, "Expression languages found").</summary>
public class ConditionTests
{
    public static TheoryData<string, Dictionary<string, object?>, bool> CorpusConditions => new()
    {
        { "${approved}", Vars(("approved", true)), true },
        { "${approved}", Vars(("approved", false)), false },
        { "${!confirmed}", Vars(("confirmed", false)), true },
        { "${!confirmed}", Vars(("confirmed", true)), false },
        { "${a==1}", Vars(("a", 1L)), true },
        { "${a==1}", Vars(("a", 2L)), false },
        { "${a==1}", Vars(("a", 1)), true },
        { "${i <= numOfIterations}", Vars(("i", 3L), ("numOfIterations", 3L)), true },
        { "${i <= numOfIterations}", Vars(("i", 4L), ("numOfIterations", 3L)), false },
        { "=price >= 0", Vars(("price", 0L)), true },
        { "=price >= 0", Vars(("price", -0.5)), false },
        { "= counter > 3", Vars(("counter", 4L)), true },
        { "= counter > 3", Vars(("counter", 3L)), false },
        { "=fraud", Vars(("fraud", true)), true },
        { "=fraud", Vars(("fraud", false)), false },
        { "=fraud", Vars(), false },
        { "price > 0", Vars(("price", 12.5)), true },
        { "price > 0", Vars(("price", 0L)), false },
        { "price > 0", Vars(), false },
        { "COUNT <= 20 and COUNT > 10", Vars(("COUNT", 15L)), true },
        { "COUNT <= 20 and COUNT > 10", Vars(("COUNT", 10L)), false },
        { "COUNT <= 20 and COUNT > 10", Vars(("COUNT", 21L)), false },
        { "${amount > 1000 && approved}", Vars(("amount", 1001L), ("approved", true)), true },
        { "${amount > 1000 && approved}", Vars(("amount", 1000L), ("approved", true)), false },
        { "${amount > 1000 && approved}", Vars(("amount", 5000L), ("approved", false)), false },
        { "=amount > 1000 and approved", Vars(("amount", 1500.5), ("approved", true)), true },
        { "=amount > 1000 and approved", Vars(("amount", 1500L), ("approved", false)), false },
        { "=amount > 1000 and approved", Vars(("amount", 1500L)), false },
        { "${continue == true}", Vars(("continue", true)), true },
        { "${continue == true}", Vars(("continue", false)), false },
        { "Vacation Approval = \"Approved\"", Vars(("Vacation Approval", "Approved")), true },
        { "${environment.variables.x > 1}", Vars(("x", 2L)), true },
    };

    [Theory]
    [MemberData(nameof(CorpusConditions))]
    public void EvaluateCondition_CorpusCondition_Holds(string source, Dictionary<string, object?> variables, bool expected)
    {
        Assert.Equal(expected, Condition(source, variables));
    }

    [Theory]
    [InlineData("${name}")]
    [InlineData("${amount}")]
    [InlineData("${nothing}")]
    [InlineData("=name")]
    [InlineData("=numbers")]
    public void EvaluateCondition_NotBoolean_Throws(string source)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Condition(source));

        Assert.Equal("EXPRESSION_FAILED", error.Code);
        Assert.Contains("instead of true or false", error.Message);
        Assert.EndsWith($"in {source}", error.Message);
    }

    [Theory]
    [InlineData("=nothing")]
    [InlineData("=unknownVariable > 3")]
    [InlineData("=nothing and true")]
    public void EvaluateCondition_FeelNull_IsFalse(string source)
    {
        Assert.False(Condition(source));
    }

    [Fact]
    public void EvaluateCondition_JuelUnknownVariable_Throws()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Condition("${amount > 1000 && approved}", Vars(("amount", 5000L))));

        Assert.Equal("Unknown variable 'approved' in ${amount > 1000 && approved}", error.Message);
    }

    [Fact]
    public void EvaluateCondition_ResolverAnswersEachTime_SeesCurrentValues()
    {
        var variables = Vars(("counter", 1L));
        var expression = ExpressionCompiler.Compile("= counter > 3");
        var resolver = new DictionaryVariableResolver(variables);

        var before = expression.EvaluateCondition(resolver);
        variables["counter"] = 4L;

        Assert.False(before);
        Assert.True(expression.EvaluateCondition(resolver));
    }
}
