using System.Net;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Integration;

/// <summary>
/// Issue 13, finding 6: an HTTP task whose constant inputs can never work is refused at deploy —
/// <c>422 BPMN_INVALID</c>, each problem with the line and column of its input parameter — instead of failing every
/// call of every instance; inputs computed from variables are left to the call.
/// </summary>
public sealed class HttpTaskDeployTests
{
    [Theory]
    [InlineData("url", "file:///etc/passwd")]
    [InlineData("url", "ftp://files.example/{name}")]
    [InlineData("url", "/relative/path")]
    [InlineData("method", "GE T")]
    [InlineData("method", "CONNECT")]
    [InlineData("timeout", "-PT5S")]
    [InlineData("timeout", "PT0S")]
    [InlineData("timeout", "P9999999999999Y")]
    [InlineData("retryBackoff", "soon")]
    [InlineData("retries", "many")]
    [InlineData("followRedirects", "sometimes")]
    public async Task Issue13_ConstantInputThatCanNeverWork_IsRefusedAtDeploy_WithItsLineAndColumn(string input, string value)
    {
        // Arrange
        using var server = new ServerFactory();
        var connector = input == "url"
            ? HttpTaskModel.Connector(value)
            : HttpTaskModel.Connector("http://127.0.0.1:9/x", (input, value));
        var xml = HttpTaskModel.Of("never", connector);

        // Act
        using var response = await server.CreateClient().PostAsync("/processes", new StringContent(xml, Encoding.UTF8, "application/bpmn+xml"));

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("BPMN_INVALID", problem.RootElement.GetProperty("code").GetString());
        var error = Assert.Single(problem.RootElement.GetProperty("context").GetProperty("errors").EnumerateArray());
        Assert.Equal("HTTP_CONNECTOR_INVALID", error.GetProperty("code").GetString());
        Assert.Equal("call", error.GetProperty("element").GetString());
        Assert.Contains($"'{input}'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var (line, column) = PositionOf(xml, $"<camunda:inputParameter name=\"{input}\">");
        Assert.Equal(line, error.GetProperty("line").GetInt32());
        Assert.Equal(column, error.GetProperty("column").GetInt32());
    }

    [Theory]
    [InlineData("url", "${service}/orders")]
    [InlineData("url", "{+base}/orders")]
    [InlineData("url", "https://shop.example/orders/{orderId}")]
    [InlineData("timeout", "${timeout}")]
    [InlineData("method", "${verb}")]
    [InlineData("retries", "0")]
    public async Task Issue13_InputsComputedOrValid_AreDeployed(string input, string value)
    {
        using var server = new ServerFactory();
        var connector = input == "url"
            ? HttpTaskModel.Connector(value)
            : HttpTaskModel.Connector("http://127.0.0.1:9/x", (input, value));

        await server.Hal().DeployAsync(HttpTaskModel.Of("fine", connector));
    }

    [Fact]
    public async Task Issue13_TaskWithoutUrl_IsRefusedAtDeploy()
    {
        using var server = new ServerFactory();
        var xml = HttpTaskModel.Of("nowhere", "<camunda:inputOutput><camunda:inputParameter name=\"method\">GET</camunda:inputParameter></camunda:inputOutput>");

        using var response = await server.CreateClient().PostAsync("/processes", new StringContent(xml, Encoding.UTF8, "application/bpmn+xml"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("HTTP_CONNECTOR_INVALID", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>1-based line and column of the first <paramref name="text"/> in <paramref name="xml"/>.</summary>
    private static (int Line, int Column) PositionOf(string xml, string text)
    {
        var at = xml.IndexOf(text, StringComparison.Ordinal);
        var before = xml[..at];
        var line = before.Count(c => c == '\n') + 1;
        return (line, at - (before.LastIndexOf('\n') + 1) + 1);
    }
}
