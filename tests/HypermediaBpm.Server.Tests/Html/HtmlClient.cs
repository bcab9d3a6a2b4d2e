using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HypermediaBpm.Server.Tests.Html;

/// <summary>
/// A browser without JavaScript, over the in-memory server: GETs pages with a browser's Accept, keeps cookies,
/// and submits a page's forms as a browser would (named fields, hidden inputs, _method, the antiforgery
/// token, Origin), without following redirects so the test sees the 303.
/// </summary>
public sealed class HtmlClient
{
    public const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private readonly HttpClient _http;

    /// <param name="signedIn">False for a browser that has not signed in (no credentials; it may sign in through the login form).</param>
    public HtmlClient(ServerFactory factory, bool signedIn = true)
    {
        _http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (!signedIn)
        {
            _http.DefaultRequestHeaders.Authorization = null;
        }

        _http.DefaultRequestHeaders.Accept.ParseAdd(BrowserAccept);
    }

    public HttpClient Http => _http;

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetAsync(string url)
    {
        var response = await _http.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    public async Task<IHtmlDocument> PageAsync(string url)
    {
        var (response, page) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    /// <summary>Submits form <paramref name="selector"/> of <paramref name="page"/> with <paramref name="values"/> set (and files attached).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(
        IHtmlDocument page, string selector, IReadOnlyDictionary<string, string>? values = null, IReadOnlyDictionary<string, (string FileName, string Content)>? files = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"The page has no form '{selector}'.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" } box:
                    var tick = values?.GetValueOrDefault(box.Name!) is { } v ? v == "true" : box.IsChecked;
                    if (tick)
                    {
                        fields.Add(new(box.Name!, box.Value));
                    }

                    break;
                case IHtmlInputElement { Type: "file" }:
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name!, values?.GetValueOrDefault(input.Name!) ?? input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, values?.GetValueOrDefault(area.Name!) ?? area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, values?.GetValueOrDefault(select.Name!) ?? select.Value ?? string.Empty));
                    break;
            }
        }

        HttpContent content;
        if (form.Enctype == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            foreach (var (name, (fileName, text)) in files ?? new Dictionary<string, (string, string)>())
            {
                var file = new StringContent(text);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                multipart.Add(file, name, fileName);
            }

            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }

        var method = form.Method.Equals("get", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Get : HttpMethod.Post;
        var request = new HttpRequestMessage(method, form.GetAttribute("action")) { Content = method == HttpMethod.Post ? content : null };
        request.Headers.Add("Origin", _http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return await _http.SendAsync(request);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static string? Location(HttpResponseMessage response) => response.Headers.Location?.OriginalString;

    public static string TextOf(IElement? element) => element?.TextContent.Trim() ?? string.Empty;
}
