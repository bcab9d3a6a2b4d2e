using HypermediaBpm.Server.Hosting;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.OpenApi;
using HypermediaBpm.Server.Telemetry;
using HypermediaBpm.Server.Representations;

// Script tasks' regular expressions have their own timeout (ScriptLimits.RegexTimeout); this default is the backstop
// for any other regular expression in the process that was built without one.
AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(2));

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHypermediaBpm(builder.Configuration);

var app = builder.Build();
app.UseHypermediaRepresentations();
app.UseHttpMethodOverride(new HttpMethodOverrideOptions { FormFieldName = "_method" });

// Routing after the problem/HEAD middleware and the _method override, so both take part in route selection.
app.UseRouting();
app.UseHypermediaAuthentication();
app.MapControllers();
app.MapHypermediaOpenApi();
app.MapMetricsEndpoint();
app.Run();
