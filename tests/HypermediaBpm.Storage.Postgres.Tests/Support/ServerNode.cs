using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Storage.Postgres.Tests.Support;

/// <summary>
/// One real server node: <c>dotnet HypermediaBpm.Server.dll</c> (the server project's build output) as its own process
/// on a free loopback port, on PostgreSQL, with the test administrator's password. <see cref="Kill"/> is <c>kill -9</c>.
/// </summary>
public sealed class ServerNode : IAsyncDisposable
{
    public const string AdminPassword = "admin-test-password";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TestDirectory _directory = new("node");

    private ServerNode(string id, string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        Id = id;
        Port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _directory.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerAssembly);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Node__Id"] = id,
            ["Security__Admin__Password"] = AdminPassword,
            ["Samples__Deploy"] = "false",
            ["Timers__MaxIdleDelay"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
        Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/hal+json"));
    }

    public string Id { get; }

    public int Port { get; }

    /// <summary>Signed in as the administrator; asks for HAL.</summary>
    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The server's build output beside this test project's (same configuration).</summary>
    public static string ServerAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/{Debug|Release}/net10.0/
            var path = Path.Combine(RepositoryPaths.Root, "src", "HypermediaBpm.Server", "bin", configuration, "net10.0", "HypermediaBpm.Server.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the server first (the test project builds it).", path);
        }
    }

    /// <summary>Starts a node and waits until its <c>/health</c> answers 200.</summary>
    public static async Task<ServerNode> StartAsync(string id, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = new ServerNode(id, connectionString, settings ?? new Dictionary<string, string>());
        var deadline = DateTime.UtcNow.AddSeconds(90);
        using var anonymous = new HttpClient { BaseAddress = node.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (node.HasExited)
            {
                throw new InvalidOperationException($"Node {id} exited at start: {node.Log}");
            }

            try
            {
                if ((await anonymous.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            if (DateTime.UtcNow > deadline)
            {
                await node.DisposeAsync();
                throw new TimeoutException($"Node {id} did not become healthy: {node.Log}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Sends a signal by name (<c>STOP</c> freezes the process where it is, <c>CONT</c> lets it go on).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed, leases and locks left as they were.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
