using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace HypermediaBpm.Bench;

/// <summary>
/// The one server the compare and open modes measure: started here as a child process (this build's server, FULL
/// unless --synchronous says otherwise, a fresh SQLite file) or, with --url, one already running.
/// </summary>
public sealed class CompareServer : IAsyncDisposable
{
    private readonly Process? process;
    private readonly string? directory;

    private CompareServer(string url, HttpClient admin, Process? process, string? directory)
    {
        Url = url;
        Admin = admin;
        this.process = process;
        this.directory = directory;
    }

    public string Url { get; }

    /// <summary>A client signed in as the administrator, asking for HAL.</summary>
    public HttpClient Admin { get; }

    public static async Task<CompareServer> StartAsync(Options o)
    {
        var url = o.Get("url", string.Empty);
        Process? process = null;
        string? directory = null;
        if (url.Length == 0)
        {
            url = "http://127.0.0.1:" + o.Get("port", "5097");
            directory = Path.Combine(Path.GetTempPath(), "hbpm-compare-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            process = HttpLoad.StartServer(url, Path.Combine(directory, "compare.db"), o.Get("synchronous", "Full"));
        }

        var admin = Client(url, HttpLoad.Credentials(o), o.Int("clients", 100));
        var server = new CompareServer(url, admin, process, directory);
        await HttpLoad.WaitHealthyAsync(admin);
        return server;
    }

    public static HttpClient Client(string url, AuthenticationHeaderValue? credentials, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(url),
        };
        client.DefaultRequestHeaders.Accept.ParseAdd("application/hal+json");
        client.DefaultRequestHeaders.Authorization = credentials;
        return client;
    }

    /// <summary>
    /// Deploys <c>usertask</c> (the shared benchmark model, found in ../shared/peers/models above this program, or
    /// --model-path) or <c>form</c> (the form model of the http mode) and answers the start template's target.
    /// </summary>
    public async Task<string> DeployAsync(string model, string? path = null)
    {
        path ??= model == "form" ? Path.Combine(AppContext.BaseDirectory, "Models", "user-task-with-form.bpmn") : FindShared("usertask.bpmn");
        using var deployed = await Admin.PostAsync("/processes", new StringContent(await File.ReadAllTextAsync(path), Encoding.UTF8, "application/bpmn+xml"));
        deployed.EnsureSuccessStatusCode();
        return await HttpLoad.StartTargetAsync(Admin, deployed.Headers.Location!.ToString());
    }

    /// <summary>A few hundred lifecycles and root reads first, so that the JIT has compiled the hot path before anything is timed.</summary>
    public async Task WarmUpAsync(string startTarget)
    {
        for (var i = 0; i < 300; i++)
        {
            await HttpLoad.LifecycleAsync(Admin, startTarget, null);
            (await Admin.GetAsync("/")).EnsureSuccessStatusCode();
            (await Admin.GetAsync("/assets/site.css")).EnsureSuccessStatusCode();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (process is not null)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(directory!, true);
        }
    }

    private static string FindShared(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "peers", "models", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"shared/peers/models/{file} not found above {AppContext.BaseDirectory}; pass --model-path.");
    }
}
