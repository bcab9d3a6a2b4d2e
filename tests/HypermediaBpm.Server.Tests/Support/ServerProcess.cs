using System.Diagnostics;
using System.Text.RegularExpressions;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Support;

/// <summary>
/// The real server as its own operating-system process (<c>dotnet HypermediaBpm.Server.dll</c> from the server's
/// build output), on a port it picks, with the settings given as environment variables. For what must be shown
/// across processes: two servers on one database file.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>A client signed in as the first administrator (whose password <see cref="StartAsync"/> sets).</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = ServerFactory.Basic(ServerFactory.AdminUser, ServerFactory.AdminPassword);
        return client;
    }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var dll = ServerDll();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Security__Admin__Password"] = ServerFactory.AdminPassword;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            if (Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(timeout));
        if (finished != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            lock (lines)
            {
                throw new InvalidOperationException($"The server process did not start listening:\n{string.Join('\n', lines)}");
            }
        }

        return new ServerProcess(process, await listening.Task) { _outputLines = lines };
    }

    private List<string> _outputLines = [];

    public string Output
    {
        get
        {
            lock (_outputLines)
            {
                return string.Join('\n', _outputLines);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The server's own build output, built by the solution build in the same configuration as the tests.</summary>
    private static string ServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(RepositoryPaths.Root, "src", "HypermediaBpm.Server", "bin", configuration, "net10.0", "HypermediaBpm.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first: {dll} is missing.", dll);
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex Listening();
}
