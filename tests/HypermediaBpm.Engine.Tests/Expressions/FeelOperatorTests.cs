using static HypermediaBpm.Engine.Tests.Expressions.Expr;

namespace HypermediaBpm.Engine.Tests.Expressions;

public class FeelOperatorTests
{
    [Theory]
    [InlineData("=1 + 2", 3L)]
    [InlineData("=amount - 500", 1000L)]
    [InlineData("=6 * 7", 42L)]
    [InlineData("=7 / 2", 3.5)]
    [InlineData("=8 / 2", 4.0)]
    [InlineData("=2 ** 10", 1024L)]
    [InlineData("=2 ** -1", 0.5)]
    [InlineData("=2 ** 0.5 > 1.41", true)]
    [InlineData("=-amount", -1500L)]
    [InlineData("=price * 2", 19.0)]
    [InlineData("=\"Hello \" + name", "Hello Ada")]
    [InlineData("=\"Order \" + 42", "Order 42")]
    [InlineData("=name + '!'", "Ada!")]
    [InlineData("=1 + 2 * 3", 7L)]
    [InlineData("=(1 + 2) * 3", 9L)]
    [InlineData("=10 - 4 - 3", 3L)]
    [InlineData("=2 * 3 ** 2", 18L)]
    public void Arithmetic_Operands_ComputesValue(string source, object expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("=nothing + 1")]
    [InlineData("=unknownVariable * 2")]
    [InlineData("=name - 1")]
    [InlineData("=approved + 1")]
    [InlineData("=1 / 0")]
    [InlineData("=-name")]
    [InlineData("=name < 5")]
    [InlineData("=nothing > 5")]
    [InlineData("=approved < confirmed")]
    [InlineData("=1 = \"1\"")]
    [InlineData("=unknownVariable")]
    [InlineData("=customer.missing")]
    [InlineData("=name.length")]
    [InlineData("=numbers[0]")]
    [InlineData("=numbers[4]")]
    [InlineData("=numbers[-4]")]
    [InlineData("=nothing[1]")]
    [InlineData("=true and nothing")]
    [InlineData("=nothing or false")]
    [InlineData("=not(nothing)")]
    [InlineData("=not(5)")]
    [InlineData("=nothing between 1 and 5")]
    public void Evaluate_UndefinedOperation_GivesNull(string source)
    {
        Assert.Null(Eval(source));
    }

    [Theory]
    [InlineData("=amount = 1500", true)]
    [InlineData("=amount = 1500.0", true)]
    [InlineData("=amount != 1500", false)]
    [InlineData("=name = \"Ada\"", true)]
    [InlineData("=name != \"Ada\"", false)]
    [InlineData("=nothing = null", true)]
    [InlineData("=unknownVariable = null", true)]
    [InlineData("=amount = null", false)]
    [InlineData("=amount != null", true)]
    [InlineData("=numbers = [10, 20, 30]", true)]
    [InlineData("=customer.address = {city: \"Arlington\"}", true)]
    [InlineData("=amount < 2000", true)]
    [InlineData("=amount <= 1500", true)]
    [InlineData("=amount > 1500", false)]
    [InlineData("=amount >= 1500.5", false)]
    [InlineData("=\"apple\" < \"banana\"", true)]
    [InlineData("=date >= \"2024-01-15\"", true)]
    [InlineData("=true and true", true)]
    [InlineData("=true and false", false)]
    [InlineData("=false and nothing", false)]
    [InlineData("=false or true", true)]
    [InlineData("=true or nothing", true)]
    [InlineData("=false or false", false)]
    [InlineData("=not(approved)", false)]
    [InlineData("=not(confirmed)", true)]
    [InlineData("=amount between 1000 and 2000", true)]
    [InlineData("=amount between 1500 and 1500", true)]
    [InlineData("=amount between 1 and 10", false)]
    [InlineData("=20 in [10, 20, 30]", true)]
    [InlineData("=25 in [10, 20, 30]", false)]
    [InlineData("=20 in numbers", true)]
    [InlineData("=\"vip\" in customer.tags", true)]
    [InlineData("=name in (\"Ada\", \"Grace\")", true)]
    [InlineData("=5 in [1..5]", true)]
    [InlineData("=5 in [1..5)", false)]
    [InlineData("=1 in (1..5]", false)]
    [InlineData("=3 in (1..5)", true)]
    [InlineData("=1500 in amount", true)]
    [InlineData("=1 in []", false)]
    [InlineData("=true or false and false", true)]
    [InlineData("=1 + 1 = 2 and 2 > 1", true)]
    public void Logic_Operands_ComputesBoolean(string source, bool expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("=if approved then \"yes\" else \"no\"", "yes")]
    [InlineData("=if confirmed then \"yes\" else \"no\"", "no")]
    [InlineData("=if nothing then \"yes\" else \"no\"", "no")]
    [InlineData("=if amount > 1000 then \"big\" else if amount > 100 then \"medium\" else \"small\"", "big")]
    [InlineData("=customer.name", "Grace")]
    [InlineData("=customer.address.city", "Arlington")]
    [InlineData("=customer.tags[1]", "vip")]
    [InlineData("=customer.tags[-1]", "early")]
    [InlineData("=orders[2].id", "o2")]
    [InlineData("=orders[total > 100][1].id", "o3")]
    [InlineData("=\"line\\nbreak\"", "line\nbreak")]
    [InlineData("=\"\\u0041\"", "A")]
    [InlineData("=\"C:\\data\"", "C:\\data")]
    public void Access_PathsFiltersAndIf_ReadsValue(string source, string expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Fact]
    public void Filter_Predicate_KeepsMatchingItemsInOrder()
    {
        var result = Eval("=orders[total >= 50]");

        var ids = Assert.IsType<List<object?>>(result).Select(order => ((IReadOnlyDictionary<string, object?>)order!)["id"]);
        Assert.Equal(["o2", "o3"], ids);
    }

    [Fact]
    public void Filter_ItemKeyword_FiltersScalars()
    {
        Assert.Equal(new List<object?> { 20L, 30L }, Eval("=numbers[item > 15]"));
    }

    [Fact]
    public void Path_OnList_ProjectsEveryItem()
    {
        Assert.Equal(new List<object?> { 5L, 50L, 500L }, Eval("=orders.total"));
    }

    [Fact]
    public void ListLiteral_Expressions_EvaluatesEachItem()
    {
        Assert.Equal(new List<object?> { 1L, "Ada", null, true }, Eval("=[1, name, nothing, approved]"));
    }

    [Fact]
    public void ContextLiteral_NamesAndStringKeys_BuildsMap()
    {
        var result = Assert.IsType<Dictionary<string, object?>>(Eval("={a: 1, \"b c\": name, nested: {d: [1]}}"));

        Assert.Equal(1L, result["a"]);
        Assert.Equal("Ada", result["b c"]);
        Assert.Equal(new List<object?> { 1L }, ((Dictionary<string, object?>)result["nested"]!)["d"]);
    }

    [Fact]
    public void Name_WithSpaces_ReadsVariableOfThatName()
    {
        var variables = Vars(("Vacation Approval", "Approved"));

        Assert.True(Condition("Vacation Approval = \"Approved\"", variables));
    }

    [Theory]
    [InlineData("=string(amount)", "1500")]
    [InlineData("=string(price)", "9.5")]
    [InlineData("=string(approved)", "true")]
    [InlineData("=string(numbers)", "[10,20,30]")]
    [InlineData("=upper case(name)", "ADA")]
    [InlineData("=lower case(\"ABC\")", "abc")]
    [InlineData("=substring(\"foobar\", 3)", "obar")]
    [InlineData("=substring(\"foobar\", 3, 3)", "oba")]
    [InlineData("=substring(\"foobar\", -2, 1)", "a")]
    [InlineData("=get value(customer, \"name\")", "Grace")]
    public void Function_StringResults_ComputesValue(string source, string expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("=number(\"42\")", 42L)]
    [InlineData("=number(\"1.25\")", 1.25)]
    [InlineData("=number(numericText) + 1", 43L)]
    [InlineData("=count(numbers)", 3L)]
    [InlineData("=count([])", 0L)]
    [InlineData("=sum(numbers)", 60L)]
    [InlineData("=sum(1, 2.5)", 3.5)]
    [InlineData("=sum(orders.total)", 555L)]
    [InlineData("=min(numbers)", 10L)]
    [InlineData("=max(3, 9, 4)", 9L)]
    [InlineData("=mean([1, 2])", 1.5)]
    [InlineData("=string length(name)", 3L)]
    [InlineData("=abs(-4)", 4L)]
    [InlineData("=floor(2.7)", 2L)]
    [InlineData("=ceiling(2.1)", 3L)]
    [InlineData("=modulo(-12, 5)", 3L)]
    [InlineData("=modulo(12, 5)", 2L)]
    [InlineData("=count(append(numbers, 40, 50))", 5L)]
    public void Function_NumberResults_ComputesValue(string source, object expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("=contains(name, \"d\")", true)]
    [InlineData("=contains(name, \"x\")", false)]
    [InlineData("=starts with(name, \"A\")", true)]
    [InlineData("=ends with(name, \"a\")", true)]
    [InlineData("=list contains(numbers, 20)", true)]
    [InlineData("=list contains(numbers, 21)", false)]
    [InlineData("=is defined(amount)", true)]
    [InlineData("=is defined(nothing)", true)]
    [InlineData("=is defined(unknownVariable)", false)]
    [InlineData("=is defined(customer.name)", true)]
    [InlineData("=is defined(customer.missing)", false)]
    [InlineData("=not(is defined(unknownVariable))", true)]
    public void Function_BooleanResults_ComputesValue(string source, bool expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Theory]
    [InlineData("=number(\"abc\")")]
    [InlineData("=count(name)")]
    [InlineData("=sum([])")]
    [InlineData("=sum([1, \"a\"])")]
    [InlineData("=upper case(5)")]
    [InlineData("=string(nothing)")]
    [InlineData("=max(1, \"a\")")]
    [InlineData("=substring(\"abc\", 9)")]
    public void Function_UnsuitableArguments_GivesNull(string source)
    {
        Assert.Null(Eval(source));
    }
}
