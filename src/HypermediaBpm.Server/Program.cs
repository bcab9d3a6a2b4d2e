using HypermediaBpm.Server.Hosting;
using HypermediaBpm.Server.Representations;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHypermediaBpm(builder.Configuration);

var app = builder.Build();
app.UseHypermediaRepresentations();
app.UseHttpMethodOverride(new HttpMethodOverrideOptions { FormFieldName = "_method" });
app.MapControllers();
app.Run();
