using System.Text.Json;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Representations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Tests.Problems;

public sealed class ExceptionProblemMapperTests
{
    private static readonly ExceptionProblemMapper Mapper = new(Options.Create(new RepresentationOptions()));

    public static TheoryData<Exception, int, string> EngineErrors => new()
    {
        { new NotFoundException("PROCESS_NOT_FOUND", "No process 'x'."), 404, "PROCESS_NOT_FOUND" },
        { new InvalidStateException("TASK_NOT_OPEN", "Task is completed."), 409, "TASK_NOT_OPEN" },
        { new ConcurrencyConflictException("Changed meanwhile."), 409, "CONCURRENT_MODIFICATION" },
        { new DuplicateVersionException("invoice", 2), 409, "VERSION_EXISTS" },
        { new ValidationException("BPMN_INVALID", "Invalid.", []), 422, "BPMN_INVALID" },
        { new PreconditionFailedException("/tasks/1", "7"), 412, "PRECONDITION_FAILED" },
        { new BadRequestException("INVALID_PAGE", "Bad page."), 400, "INVALID_PAGE" },
        { new UnsupportedMediaTypeException("text/csv", ["application/json"]), 415, "UNSUPPORTED_MEDIA_TYPE" },
        { new HttpProblemException(406, "NOT_ACCEPTABLE", "No."), 406, "NOT_ACCEPTABLE" },
        { new BadHttpRequestException("Too large.", 413), 413, "REQUEST_TOO_LARGE" },
        { new BadHttpRequestException("Malformed."), 400, "BAD_REQUEST" },
        { new InvalidDataException("Multipart body length limit 10485760 exceeded."), 413, "REQUEST_TOO_LARGE" },
        { new JsonException("bad", "$.a", 0, 3), 400, "BAD_REQUEST" },
    };

    [Theory]
    [MemberData(nameof(EngineErrors))]
    public void Map_KnownException_GivesStatusAndCode(Exception exception, int status, string code)
    {
        // Act
        var problem = Mapper.Map(exception);

        // Assert
        Assert.Equal(status, problem.Status);
        Assert.Equal(code, problem.Code);
    }

    [Fact]
    public void Map_EngineError_KeepsMessageAndContext()
    {
        // Act
        var problem = Mapper.Map(new DuplicateVersionException("invoice", 2));

        // Assert
        Assert.Equal("Version 2 of process 'invoice' is already deployed.", problem.Detail);
        Assert.Equal("invoice", problem.Context["key"]);
        Assert.Equal(2, problem.Context["version"]);
    }

    [Fact]
    public void Map_ValidationException_ListsErrorsWithoutNulls()
    {
        // Arrange
        var exception = new ValidationException("BPMN_INVALID", "2 problems.",
        [
            new ValidationError("UNSUPPORTED_ELEMENT", "complexGateway is not supported.", Line: 12, Column: 5, Element: "Gateway_1"),
            new ValidationError("FIELD_REQUIRED", "'amount' is required.", Field: "amount"),
        ]);

        // Act
        var errors = (List<Dictionary<string, object?>>)Mapper.Map(exception).Context["errors"]!;

        // Assert
        Assert.Equal(["code", "message", "line", "column", "element"], errors[0].Keys);
        Assert.Equal(12, errors[0]["line"]);
        Assert.Equal("Gateway_1", errors[0]["element"]);
        Assert.Equal(["code", "message", "field"], errors[1].Keys);
    }

    [Fact]
    public void Map_UnknownException_Is500WithoutInternals()
    {
        // Arrange
        var exception = new InvalidOperationException("Data Source=/var/lib/secret.db");

        // Act
        var problem = Mapper.Map(exception, new DefaultHttpContext { TraceIdentifier = "trace-1" });

        // Assert
        Assert.Equal(500, problem.Status);
        Assert.Equal("INTERNAL_ERROR", problem.Code);
        Assert.DoesNotContain("secret", problem.Detail);
        Assert.Equal(["traceId"], problem.Context.Keys);
    }

    [Fact]
    public void Map_UnlistedEngineErrorSubclass_UsesNearestListedBase()
    {
        // Arrange
        var options = new RepresentationOptions();
        options.ExceptionStatusCodes.Remove(typeof(BadRequestException));
        var mapper = new ExceptionProblemMapper(Options.Create(options));

        // Act
        var problem = mapper.Map(new BadRequestException("X", "y"));

        // Assert: EngineException itself is listed as 400.
        Assert.Equal(400, problem.Status);
    }
}
