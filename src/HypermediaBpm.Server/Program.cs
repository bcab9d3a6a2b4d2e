using HypermediaBpm.Server.Hosting;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Representations;

// A runaway regular expression in a script task must not hold a thread for ever (Jint runs JS RegExp on .NET's).
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
app.Run();
