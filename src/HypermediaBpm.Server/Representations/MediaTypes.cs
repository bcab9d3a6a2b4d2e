namespace HypermediaBpm.Server.Representations;

/// <summary>Media types and their explicit-URI format suffixes: the contract, defined once.</summary>
public static class MediaTypes
{
    public const string Hal = "application/hal+json";
    public const string HalForms = "application/prs.hal-forms+json";
    public const string Json = "application/json";
    public const string Html = "text/html";
    public const string Atom = "application/atom+xml";
    public const string Svg = "image/svg+xml";
    public const string Bpmn = "application/bpmn+xml";
    public const string Xml = "application/xml";
    public const string PlainText = "text/plain";
    public const string Problem = "application/problem+json";
    public const string Tcc = "application/tcc";
    public const string TccJson = "application/tcc+json";
    public const string FormUrlEncoded = "application/x-www-form-urlencoded";
    public const string MultipartFormData = "multipart/form-data";

    /// <summary>Format suffix (<c>.hal</c>, <c>?format=hal</c>) → media type.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByFormat = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["hal"] = Hal,
        ["halforms"] = HalForms,
        ["json"] = Json,
        ["html"] = Html,
        ["atom"] = Atom,
        ["svg"] = Svg,
        ["bpmn"] = Bpmn,
        ["xml"] = Xml,
        ["txt"] = PlainText,
    };
}
