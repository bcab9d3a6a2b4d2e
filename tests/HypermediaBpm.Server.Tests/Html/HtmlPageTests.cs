using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Html;

/// <summary>The HTML pages through the real pipeline and a real SQLite file, read as a browser reads them.</summary>
public sealed class HtmlPageTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HtmlClient _browser;

    public HtmlPageTests()
    {
        _browser = new HtmlClient(_server);
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Get_Root_IsAPageWithLandmarksDeployFormFeedsAndDocs()
    {
        // Act
        var (response, page) = await _browser.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Single(page.QuerySelectorAll("main"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.NotNull(page.QuerySelector("header nav"));
        Assert.NotNull(page.QuerySelector("footer a[rel=service-doc][href='/docs']"));
        Assert.NotNull(page.QuerySelector("head link[rel=alternate][type='application/atom+xml']"));
        var deploy = page.QuerySelector<IHtmlFormElement>("form[name=deploy]#deploy")!;
        Assert.Equal("multipart/form-data", deploy.Enctype);
        Assert.NotNull(deploy.QuerySelector("input[type=hidden][name=__RequestVerificationToken]"));
        Assert.NotNull(deploy.QuerySelector("input[type=file][name=file]"));
        foreach (var input in deploy.QuerySelectorAll("input:not([type=hidden]), textarea, select"))
        {
            Assert.NotNull(deploy.QuerySelector($"label[for='{input.Id}']"));
        }
    }

    [Fact]
    public async Task Pages_CarryTheSameLinksAndTemplatesAsHal()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await hal.StartAsync("approval", new { amount = 5000 });
        var taskHref = instance.Embedded("bpm:tasks").First().SelfHref;

        foreach (var url in new[] { "/", "/processes", "/processes/approval", instance.SelfHref, "/instances", "/tasks", taskHref, instance.SelfHref + "/history" })
        {
            // Act
            var document = await hal.GetAsync(url);
            var page = await _browser.PageAsync(url);

            // Assert
            foreach (var (rel, href) in document.AllLinks().Where(l => !l.Templated).Select(l => (l.Rel, l.Href)))
            {
                Assert.True(page.QuerySelectorAll("a[rel]").Any(a => a.GetAttribute("rel") == rel && a.GetAttribute("href") == href), $"{url}: no <a rel=\"{rel}\" href=\"{href}\">");
                Assert.True(page.QuerySelectorAll("head link[rel]").Any(a => a.GetAttribute("rel") == rel && a.GetAttribute("href") == href), $"{url}: no <link rel=\"{rel}\" href=\"{href}\">");
            }

            foreach (var template in document.TemplateNames)
            {
                Assert.NotNull(page.QuerySelector($"form[name='{template}']#{template}"));
            }

            Assert.NotNull(page.QuerySelector("head link[rel=alternate][type='application/atom+xml']"));
            Assert.NotNull(page.QuerySelector("a[rel=service-doc]"));
        }
    }

    [Fact]
    public async Task Browser_DeploysByUpload_StartsByForm_CompletesTaskByForm_SeesInstanceCompleted()
    {
        // Deploy: the file goes up through the deploy form, and the browser is sent to the new process.
        var processes = await _browser.PageAsync("/processes");
        var deployed = await _browser.SubmitAsync(processes, "form#deploy", files: new Dictionary<string, (string, string)> { ["file"] = ("approval.bpmn", ServerFactory.Fixture("approval.bpmn")) });
        Assert.Equal(HttpStatusCode.SeeOther, deployed.StatusCode);
        Assert.Equal("/processes/approval", HtmlClient.Location(deployed));

        // Start through the start form.
        var process = await _browser.PageAsync("/processes/approval");
        var started = await _browser.SubmitAsync(process, "form#start", new Dictionary<string, string> { ["amount"] = "2500", ["reason"] = "Train to Lyon" });
        Assert.Equal(HttpStatusCode.SeeOther, started.StatusCode);
        var instanceUrl = HtmlClient.Location(started)!;
        Assert.StartsWith("/instances/", instanceUrl, StringComparison.Ordinal);

        // The instance page offers the open task's complete form; submitting it comes back to the instance.
        var instance = await _browser.PageAsync(instanceUrl);
        Assert.Contains("running", HtmlClient.TextOf(instance.QuerySelector(".subtitle .state")), StringComparison.Ordinal);
        var complete = instance.QuerySelector<IHtmlFormElement>("form[name=complete]")!;
        Assert.StartsWith("complete-", complete.Id, StringComparison.Ordinal);
        Assert.Equal("checkbox", complete.QuerySelector<IHtmlInputElement>("input[name=approved]")!.Type);
        Assert.Equal("date", complete.QuerySelector<IHtmlInputElement>("input[name=decidedOn]")!.Type);
        var completed = await _browser.SubmitAsync(instance, "form#" + complete.Id, new Dictionary<string, string> { ["approved"] = "true", ["decidedOn"] = "2026-11-21" });
        Assert.Equal(HttpStatusCode.SeeOther, completed.StatusCode);
        Assert.Equal(instanceUrl, HtmlClient.Location(completed));

        var done = await _browser.PageAsync(instanceUrl);
        Assert.Contains("completed", HtmlClient.TextOf(done.QuerySelector(".subtitle .state")), StringComparison.Ordinal);
        Assert.Null(done.QuerySelector("form[name=complete]"));
        Assert.Contains(done.QuerySelectorAll("table tr"), row => row.TextContent.Contains("approved", StringComparison.Ordinal) && row.TextContent.Contains("yes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Browser_BadFieldValue_GetsTheFormBackWithTheErrorNextToTheField()
    {
        // Arrange
        await _server.Hal().DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var process = await _browser.PageAsync("/processes/approval");

        // Act
        var response = await _browser.SubmitAsync(process, "form#start", new Dictionary<string, string> { ["amount"] = "a lot", ["reason"] = "Conference" });

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var page = await HtmlClient.ParseAsync(response);
        var amount = page.QuerySelector<IHtmlInputElement>("form#start input[name=amount]")!;
        Assert.Equal("a lot", amount.Value);
        Assert.Equal("true", amount.GetAttribute("aria-invalid"));
        var error = page.GetElementById(amount.GetAttribute("aria-describedby")!)!;
        Assert.Same(amount.ParentElement, error.ParentElement);
        Assert.Contains("whole number", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("Conference", page.QuerySelector<IHtmlInputElement>("form#start input[name=reason]")!.Value);
        Assert.Equal(0, (await _server.Hal().GetAsync("/instances")).Property("total").GetInt32());
    }

    [Fact]
    public async Task Browser_InvalidBpmnUpload_ShowsEachProblemWithLineAndColumnAtTheModelField()
    {
        // Arrange
        var processes = await _browser.PageAsync("/processes");
        const string broken = "<?xml version=\"1.0\"?>\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"t\">\n  <process id=\"p\" isExecutable=\"true\">\n    <sequenceFlow id=\"f\" sourceRef=\"nowhere\" targetRef=\"nothing\" />\n  </process>\n</definitions>";

        // Act
        var response = await _browser.SubmitAsync(processes, "form#deploy", files: new Dictionary<string, (string, string)> { ["file"] = ("broken.bpmn", broken) });

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlClient.ParseAsync(response);
        var field = page.QuerySelector("form#deploy textarea[name=bpmn_xml]")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        var errors = field.ParentElement!.QuerySelectorAll("p.error").Select(e => e.TextContent).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Matches(@"\(line \d+, column \d+\)", e));
        Assert.Contains(errors, e => e.Contains("start event", StringComparison.Ordinal));
        Assert.Equal(broken, field.TextContent);
    }

    [Fact]
    public async Task BrowserFormPost_WithoutAntiforgeryToken_IsRefused_ScriptsWithoutCookiesAreNot()
    {
        // Arrange: a page from another site posts to the server from the user's browser.
        await _server.Hal().DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        _ = await _browser.PageAsync("/processes/approval");
        var forged = new HttpRequestMessage(HttpMethod.Post, "/processes/approval/instances")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["amount"] = "1" }),
        };
        forged.Headers.Add("Origin", "https://elsewhere.example");

        // Act
        var refused = await _browser.Http.SendAsync(forged);
        var script = await _server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).PostAsync("/processes/approval/instances", new FormUrlEncodedContent(new Dictionary<string, string> { ["amount"] = "1" }));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await HtmlClient.ParseAsync(refused);
        Assert.Contains("ANTIFORGERY_TOKEN_INVALID", problem.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, script.StatusCode);
        Assert.Equal(1, (await _server.Hal().GetAsync("/instances")).Property("total").GetInt32());
    }

    [Fact]
    public async Task Browser_CancelForm_PostsMethodDelete_AndIsRedirectedToTheTerminatedInstance()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await hal.StartAsync("approval", new { amount = 5000 });
        var page = await _browser.PageAsync(instance.SelfHref);
        Assert.Equal("DELETE", page.QuerySelector<IHtmlInputElement>("form#cancel input[name=_method]")!.Value);

        // Act
        var response = await _browser.SubmitAsync(page, "form#cancel");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var after = await _browser.PageAsync(HtmlClient.Location(response)!);
        Assert.Contains("terminated", HtmlClient.TextOf(after.QuerySelector(".subtitle .state")), StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("form#cancel"));
    }

    [Fact]
    public async Task UserSuppliedScript_ShowsAsTextInHtmlAndSvg()
    {
        // Arrange: the process name, a task name and a variable all hold markup.
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
              <process id="xss" name="&lt;script&gt;alert('process')&lt;/script&gt;" isExecutable="true">
                <startEvent id="s" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <userTask id="t" name="&lt;script&gt;alert('task')&lt;/script&gt;" />
                <sequenceFlow id="f2" sourceRef="t" targetRef="e" />
                <endEvent id="e" />
              </process>
            </definitions>
            """;
        var hal = _server.Hal();
        await hal.DeployAsync(xml);
        var instance = await hal.StartAsync("xss", new { note = "<script>alert('variable')</script>", businessKey = "<img src=x onerror=alert(1)>" });
        var taskHref = instance.Embedded("bpm:tasks").First().SelfHref;

        foreach (var url in new[] { "/processes/xss", instance.SelfHref, taskHref, "/tasks", "/instances", "/processes" })
        {
            // Act
            var (response, page) = await _browser.GetAsync(url);
            var raw = await response.Content.ReadAsStringAsync();

            // Assert
            Assert.Empty(page.QuerySelectorAll("script"));
            Assert.Empty(page.QuerySelectorAll("img"));
            Assert.DoesNotContain("<script>", raw, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<script>alert('process')</script>", (await _browser.PageAsync("/processes/xss")).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var instancePage = await _browser.PageAsync(instance.SelfHref);
        Assert.Contains(instancePage.QuerySelectorAll("td"), td => td.TextContent == "<script>alert('variable')</script>");
        Assert.Contains("<script>alert('task')</script>", (await _browser.PageAsync(taskHref)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        foreach (var svgUrl in new[] { "/processes/xss/diagram.svg", instance.SelfHref + "/diagram.svg" })
        {
            var svg = await _browser.Http.GetStringAsync(svgUrl);
            var document = System.Xml.Linq.XDocument.Parse(svg);
            Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName == "script");
            Assert.Contains(document.Descendants(), e => e.Name.LocalName == "text" || e.Name.LocalName == "tspan" ? e.Value.Contains("alert('task')", StringComparison.Ordinal) : false);
        }
    }

    [Fact]
    public async Task BrowserError_IsAnHtmlPageWithTitleDetailAdviceAndCode()
    {
        // Act
        var (response, page) = await _browser.GetAsync("/instances/no-such-instance");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("h1")!.TextContent));
        var alert = page.QuerySelector("[role=alert]")!;
        Assert.Contains("no-such-instance", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("What to do", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("INSTANCE_NOT_FOUND", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[rel=service-doc]"));

        // A JSON client asking for the same thing still gets RFC 9457.
        var json = await _server.CreateClient().GetAsync("/instances/no-such-instance");
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Docs_AreServedAsPages_AndLinkedFromEveryPage()
    {
        // Act
        var index = await _browser.PageAsync("/docs");
        var api = await _browser.PageAsync("/docs/api.md");
        var css = await _browser.Http.GetAsync(index.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));

        // Assert
        Assert.Contains(index.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/docs/api");
        Assert.False(string.IsNullOrWhiteSpace(api.QuerySelector("main h1")?.TextContent));
        Assert.NotNull(api.QuerySelector("footer a[rel=service-doc]"));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _browser.GetAsync("/docs/no-such-doc")).Response.StatusCode);
    }

    [Fact]
    public async Task ListPages_FilterWithGetForms_AndPageWithRelLinks()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        for (var i = 0; i < 3; i++)
        {
            await hal.StartAsync("approval", new { amount = 5000 + i });
        }

        // Act
        var page = await _browser.PageAsync("/instances?state=running&pageSize=2");

        // Assert
        var filter = page.QuerySelector<IHtmlFormElement>("form#search")!;
        Assert.Equal("get", filter.Method);
        Assert.Equal("running", filter.QuerySelector<IHtmlSelectElement>("select[name=state]")!.Value);
        Assert.Equal(2, page.QuerySelectorAll("tbody tr").Length);
        var next = page.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await _browser.PageAsync(next);
        Assert.Single(second.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task InstancePage_ShowsWhatItWaitsFor_AndItsSendForm_WhichDeliversTheMessage()
    {
        // Arrange: an order waits for its payment message, correlated by business key.
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
              <message id="m" name="paid" />
              <process id="pay" isExecutable="true">
                <startEvent id="s" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="paid" />
                <intermediateCatchEvent id="paid" name="Payment received"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
                <sequenceFlow id="f2" sourceRef="paid" targetRef="e" />
                <endEvent id="e" />
              </process>
            </definitions>
            """;
        var hal = _server.Hal();
        await hal.DeployAsync(xml);
        var instance = await hal.StartAsync("pay", new { businessKey = "order-7" });
        var page = await _browser.PageAsync(instance.SelfHref);

        // Act
        var form = page.QuerySelector<IHtmlFormElement>("#section-messages ~ form[name=send], form#send-message")!;
        Assert.Equal("order-7", form.QuerySelector<IHtmlInputElement>("input[name=correlationKey]")!.Value);
        var response = await _browser.SubmitAsync(page, "form#send-message", new Dictionary<string, string> { ["variables"] = "{\"amount\": 12}" });

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var after = await hal.GetAsync(instance.SelfHref);
        Assert.Equal("completed", after.String("state"));
        Assert.Equal(12, after.Property("variables").GetProperty("amount").GetInt32());
    }
}
