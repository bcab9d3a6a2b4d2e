using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Problems;

namespace HypermediaBpm.Server.Tests.Problems;

public sealed class ProblemDocumentTests
{
    [Theory]
    [InlineData("TASK_NOT_OPEN", "/problems/task-not-open", "Task not open")]
    [InlineData("NOT_FOUND", "/problems/not-found", "Not found")]
    [InlineData("BPMN_INVALID", "/problems/bpmn-invalid", "Bpmn invalid")]
    public void New_Code_GivesStableTypeAndTitle(string code, string type, string title)
    {
        // Act
        var problem = new ProblemDocument(409, code, "detail");

        // Assert
        Assert.Equal(type, problem.Type);
        Assert.Equal(title, problem.Title);
    }

    [Fact]
    public void WriteTo_Problem_WritesRfc9457MembersThenCodeAndContext()
    {
        // Arrange
        var problem = new ProblemDocument(409, "TASK_NOT_OPEN", "Task 'x' is completed.", new Dictionary<string, object?> { ["state"] = "completed" })
        {
            Instance = "/tasks/x/complete",
        };

        // Act
        var doc = JsonDocument.Parse(Encoding.UTF8.GetString(problem.ToUtf8Bytes())).RootElement;

        // Assert
        Assert.Equal(["type", "title", "status", "detail", "instance", "code", "context"], doc.EnumerateObject().Select(p => p.Name));
        Assert.Equal(409, doc.GetProperty("status").GetInt32());
        Assert.Equal("Task 'x' is completed.", doc.GetProperty("detail").GetString());
        Assert.Equal("/tasks/x/complete", doc.GetProperty("instance").GetString());
        Assert.Equal("completed", doc.GetProperty("context").GetProperty("state").GetString());
    }

    [Fact]
    public void WriteTo_NoContext_WritesEmptyObject()
    {
        // Act
        var json = Encoding.UTF8.GetString(new ProblemDocument(404, "NOT_FOUND", "gone").ToUtf8Bytes());

        // Assert
        Assert.EndsWith("\"code\":\"NOT_FOUND\",\"context\":{}}", json);
    }
}
