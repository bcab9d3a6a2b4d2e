using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>Issue 13, finding 8: a model is read in the encoding it declares and kept byte for byte.</summary>
public sealed class ModelEncodingTests
{
    /// <summary>A model whose process and task names carry é; <c>{0}</c> is the XML declaration.</summary>
    private const string Template = """
        {0}
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="t">
          <process id="{1}" name="Réception des commandes" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="check" />
            <userTask id="check" name="Vérifier la commande" />
            <sequenceFlow id="f2" sourceRef="check" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private const string Latin1Declaration = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>";

    [Fact]
    public async Task Issue13_Latin1Model_ByRawBodyAndByMultipart_ReadsAndComesBackByteForByte()
    {
        // Arrange: é is the single byte 0xE9 in ISO-8859-1; as UTF-8 it would be two bytes.
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var raw = Model(Encoding.Latin1, Latin1Declaration, "latin-raw");
        var uploaded = Model(Encoding.Latin1, Latin1Declaration, "latin-upload");
        Assert.Contains((byte)0xE9, raw);

        // Act
        var byBody = await PostRawAsync(hal.Http, raw, "application/bpmn+xml");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(uploaded), "file", "orders.bpmn" } };
        var byUpload = await hal.Http.PostAsync("/processes", form);

        // Assert
        Assert.Equal(HttpStatusCode.Created, byBody.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, byUpload.StatusCode);
        await AssertReadsAndRoundTripsAsync(hal, "latin-raw", raw, "iso-8859-1");
        await AssertReadsAndRoundTripsAsync(hal, "latin-upload", uploaded, "iso-8859-1");
    }

    [Fact]
    public async Task Issue13_Utf16ModelWithByteOrderMark_ReadsAndComesBackByteForByte()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var model = Model(Encoding.Unicode, "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "wide");
        Assert.Equal([0xFF, 0xFE], model[..2]);

        // Act
        using var form = new MultipartFormDataContent { { new ByteArrayContent(model), "file", "orders.bpmn" } };
        var response = await hal.Http.PostAsync("/processes", form);

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await AssertReadsAndRoundTripsAsync(hal, "wide", model, "utf-16");
    }

    [Fact]
    public async Task Issue13_JsonTextDeclaringLatin1_IsKeptInLatin1()
    {
        // Arrange: JSON carries text; the document it describes says ISO-8859-1, so that is what is kept.
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, Latin1Declaration, "latin-json");

        // Act
        var response = await hal.Http.PostAsync("/processes", Json(new { bpmn_xml = text }));

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await AssertReadsAndRoundTripsAsync(hal, "latin-json", Encoding.Latin1.GetBytes(text), "iso-8859-1");
    }

    [Fact]
    public async Task Issue13_JsonTextWithCharacterItsDeclaredEncodingLacks_Is422Located()
    {
        // Arrange: € does not exist in ISO-8859-1, so no faithful bytes exist for this document.
        using var factory = new ServerFactory();
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, Latin1Declaration, "euro")
            .Replace("Vérifier", "Vérifier 5 €", StringComparison.Ordinal);

        // Act
        var response = await factory.Hal().Http.PostAsync("/processes", Json(new { bpmn_xml = text }));

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = problem.RootElement.GetProperty("context").GetProperty("errors")[0];
        Assert.Equal("XML_ENCODING_MISMATCH", error.GetProperty("code").GetString());
        Assert.Equal(6, error.GetProperty("line").GetInt32());
        Assert.Equal(0, (await factory.Hal().GetAsync("/processes")).Root.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Issue13_UndeclaredLatin1Bytes_AreRefusedNotStoredAsMojibake()
    {
        // Arrange: no declaration means UTF-8, and 0xE9 alone is not UTF-8.
        using var factory = new ServerFactory();
        var model = Model(Encoding.Latin1, string.Empty, "undeclared");

        // Act
        var response = await PostRawAsync(factory.Hal().Http, model, "application/bpmn+xml");

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("XML_MALFORMED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static byte[] Model(Encoding encoding, string declaration, string key) =>
        [.. encoding.GetPreamble(), .. encoding.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, declaration, key))];

    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient http, byte[] model, string type)
    {
        using var content = new ByteArrayContent(model);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return await http.PostAsync("/processes", content);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>Names read with é in HAL, JSON, HTML, SVG and a task; the source answers the uploaded bytes with a matching charset.</summary>
    private static async Task AssertReadsAndRoundTripsAsync(HalClient hal, string key, byte[] uploaded, string charset)
    {
        var process = await hal.GetAsync("/processes/" + key);
        Assert.Equal("Réception des commandes", process.String("name"));
        Assert.Contains("name=\"Vérifier la commande\"", process.String("bpmn_xml"), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, process.Link("bpm:source"));
        request.Headers.Accept.ParseAdd("application/bpmn+xml");
        using var source = await hal.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, source.StatusCode);
        Assert.Equal(charset, source.Content.Headers.ContentType?.CharSet, ignoreCase: true);
        Assert.Equal(uploaded, await source.Content.ReadAsByteArrayAsync());

        Assert.Contains("Réception des commandes", await GetTextAsync(hal.Http, "/processes/" + key, "text/html"), StringComparison.Ordinal);
        Assert.Contains(">Vérifier", await GetTextAsync(hal.Http, process.Link("bpm:diagram"), "image/svg+xml"), StringComparison.Ordinal);

        var instance = await hal.StartAsync(key, new { });
        var tasks = await hal.FollowAsync(instance, "bpm:tasks");
        Assert.Equal("Vérifier la commande", Assert.Single(tasks.Embedded("item")).String("name"));
    }

    private static async Task<string> GetTextAsync(HttpClient http, string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
