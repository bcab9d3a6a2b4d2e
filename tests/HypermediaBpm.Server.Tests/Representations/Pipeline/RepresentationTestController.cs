using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Tests.Representations.Pipeline;

/// <summary>
/// A stand-in for the real controllers: returns resources (never picks a representation) and throws each kind
/// of error, so negotiation, caching headers and problems are tested through the real MVC pipeline.
/// </summary>
[ApiController]
public sealed class RepresentationTestController : ControllerBase
{
    public const string Revision = "7";
    public static readonly DateTimeOffset Modified = new(2030, 1, 2, 3, 4, 5, 6, TimeSpan.Zero);

    /// <summary>Deliberately odd whitespace and a non-ASCII name: the source must come back byte for byte.</summary>
    public const string BpmnXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">  <process id=\"Prüfung\"/>\r\n</definitions>";

    [HttpGet("/things")]
    [HttpGet("/things.{format}")]
    public Resource List()
    {
        var r = new Resource(ResourceKinds.ProcessCollection, "/things") { Title = "Things" };
        r.Collection = new CollectionInfo(2, 1, 20, 1);
        foreach (var id in new[] { "1", "2" })
        {
            var item = Thing(id);
            r.Links.Add(new Link(Rels.Item, item.SelfHref, item.Title));
            r.Embed(Rels.Item, item);
        }

        r.Links.Add(new Link(Rels.First, "/things"));
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    [HttpGet("/things/{id}")]
    [HttpGet("/things/{id}.{format}")]
    public Resource Get(string id) => Thing(id);

    [HttpPut("/things/{id}")]
    public Resource Put(string id)
    {
        Preconditions.CheckIfMatch(Request, Revision);
        return Thing(id);
    }

    [HttpPost("/things")]
    public IActionResult Create([FromBody] ThingInput input)
    {
        var created = Thing("3");
        created.Properties["name"] = input.Name;
        Response.Headers.Location = created.SelfHref;
        return new ObjectResult(created) { StatusCode = StatusCodes.Status201Created };
    }

    [HttpGet("/definitions/{key}")]
    [HttpGet("/definitions/{key}.{format}")]
    public Resource Definition(string key)
    {
        var r = new Resource(ResourceKinds.Process, "/definitions/" + key) { Revision = Revision, LastModified = Modified };
        r.Properties["key"] = key;
        r.Extras[ProcessResources.BpmnXmlExtra] = Bpmn.Parsing.BpmnSource.FromText(BpmnXml);
        r.Links.Add(new Link(Rels.Collection, "/definitions"));
        Variants.AddAlternates(r, "hal", "json", "bpmn");
        return r;
    }

    [HttpGet("/unversioned")]
    public Resource Unversioned() => new Resource(ResourceKinds.Root, "/unversioned").WithProperty("name", "no revision");

    [HttpPost("/upload")]
    public async Task<IActionResult> UploadAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return new JsonResult(new Dictionary<string, object?> { ["length"] = text.Length });
    }

    [HttpGet("/health-like")]
    public IActionResult HealthLike() => new JsonResult(new Dictionary<string, object?> { ["status"] = "healthy" });

    [HttpGet("/plain-object")]
    public IActionResult PlainObject() => Ok(new Dictionary<string, object?> { ["plain"] = true });

    [HttpGet("/errors/{kind}")]
    public Resource Fail(string kind) => kind switch
    {
        "not-found" => throw new NotFoundException("TASK_NOT_FOUND", "There is no task 'x'.", new Dictionary<string, object?> { ["taskId"] = "x" }),
        "invalid-state" => throw new InvalidStateException("TASK_NOT_OPEN", "Task 'x' is completed.", new Dictionary<string, object?> { ["state"] = "completed" }),
        "concurrency" => throw new ConcurrencyConflictException("Someone else changed it.", new Dictionary<string, object?> { ["revision"] = 8 }),
        "duplicate" => throw new DuplicateVersionException("invoice", 2),
        "validation" => throw new ValidationException("BPMN_INVALID", "The model has 2 problems.",
        [
            new ValidationError("UNSUPPORTED_ELEMENT", "complexGateway is not supported.", Line: 12, Column: 5, Element: "Gateway_1"),
            new ValidationError("FIELD_REQUIRED", "'amount' is required.", Field: "amount"),
        ]),
        "precondition" => throw new PreconditionFailedException("/things/1", "7"),
        "bad-request" => throw new BadRequestException("INVALID_PAGE", "The page token is not one this server gave out.", new Dictionary<string, object?> { ["page"] = "zz" }),
        "unsupported" => throw new UnsupportedMediaTypeException("text/csv", ["application/json"]),
        "kestrel-too-large" => throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge),
        _ => throw new InvalidOperationException("secret connection string: Data Source=/var/lib/secret.db"),
    };

    public static Resource Thing(string id)
    {
        var r = new Resource(ResourceKinds.Task, $"/things/{id}")
        {
            Title = $"Thing {id}",
            Revision = Revision,
            LastModified = Modified,
        };
        r.Properties["id"] = id;
        r.Properties["name"] = "Approve invoice";
        r.Properties["amount"] = 150.5m;
        r.Properties["createdAt"] = Modified;
        r.Links.Add(new Link(Rels.Collection, "/things"));
        r.Links.Add(new Link(Rels.Up, "/"));
        r.Links.Add(new Link(Rels.Tasks, "/tasks?thing=" + id, "Tasks"));
        r.Links.Add(new Link(Rels.Instances, "/instances{?state}", "Instances", Templated: true));
        Variants.AddAlternates(r, "hal", "json");
        var complete = new Template { Name = "complete", Method = "POST", Target = $"/things/{id}/complete", Title = "Complete" };
        complete.Properties.Add(new TemplateProperty("amount", "Amount", "number", Required: true, Regex: "^[0-9]+$"));
        r.Templates.Add(complete);
        return r;
    }
}
