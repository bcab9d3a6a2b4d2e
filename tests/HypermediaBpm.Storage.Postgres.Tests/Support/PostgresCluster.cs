using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use, one per test run. When <c>HYPERMEDIABPM_TEST_POSTGRES</c> holds a connection
/// string (scripts/test.sh starts a private cluster and sets it) that server is used; otherwise a private cluster is
/// made here the same way (initdb and pg_ctl from Debian's PostgreSQL, as the <c>postgres</c> user when run as root, on a
/// free loopback port, its socket in its own directory) and stopped when the test process ends. It never skips: when no
/// server can be had, every test that needs one fails and says why.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    public const string EnvironmentVariable = "HYPERMEDIABPM_TEST_POSTGRES";

    private readonly Lazy<Task<string>> _started;
    private readonly bool _private;
    private string? _dataRoot;

    /// <param name="alwaysPrivate">Start a cluster of its own even when the environment names one (a test that stops its server).</param>
    public PostgresCluster(bool alwaysPrivate = false)
    {
        _private = alwaysPrivate;
        _started = new(StartAsync);
    }

    /// <summary>The cluster the tests share.</summary>
    public static PostgresCluster Shared { get; } = new();

    /// <summary>The connection string of the server's <c>postgres</c> database (for CREATE DATABASE).</summary>
    public Task<string> AdminConnectionStringAsync() => _started.Value;

    /// <summary>Whether this process started the cluster itself (then it may stop and start it, as the outage tests do).</summary>
    public bool IsPrivate => _dataRoot is not null;

    /// <summary>The data directory of a private cluster.</summary>
    public string DataDirectory => Path.Combine(_dataRoot ?? throw new InvalidOperationException("The cluster is not this process's own."), "data");

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, string? template = null)
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            // FILE_COPY: copying a small template file by file is quicker than writing it all to the WAL (the default).
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"" + (template is null ? ";" : $" TEMPLATE \"{template}\" STRATEGY FILE_COPY;"), connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs pg_ctl on the private cluster (<c>stop</c> / <c>start</c>), as the outage tests do.</summary>
    public void Control(string action) => PgCtl(action);

    private async Task<string> StartAsync()
    {
        if (!_private && Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return given;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server for the tests: set {EnvironmentVariable} to a connection string, or install PostgreSQL (apt-get install postgresql) so that a private cluster can be started.");
        }

        // Under /tmp: the postgres user must be able to reach the data directory, which a home or work folder may not allow.
        _dataRoot = Path.Combine(Path.GetTempPath(), "hypermediabpm-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dataRoot);
        if (IsRoot)
        {
            Run("chmod", "755", _dataRoot);
            Run("chown", "postgres:postgres", _dataRoot);
        }

        Run(Path.Combine(bin, "initdb"), "-D", Path.Combine(_dataRoot, "data"), "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C.UTF-8");
        var port = FreePort();
        Port = port;
        Bin = bin;
        Options = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_dataRoot} -c fsync=off -c max_connections=400";
        PgCtl("start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        await Task.CompletedTask;
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5";
    }

    private string? Bin { get; set; }

    /// <summary>The port a private cluster listens on.</summary>
    public int Port { get; private set; }

    private string? Options { get; set; }

    private static bool IsRoot => Environment.UserName == "root";

    private void PgCtl(string action)
    {
        var ctl = Path.Combine(Bin ?? throw new InvalidOperationException("The cluster is not this process's own."), "pg_ctl");
        if (action == "start")
        {
            Run(ctl, "-D", DataDirectory, "-l", Path.Combine(_dataRoot!, "log.txt"), "-o", Options!, "-w", "start");
        }
        else
        {
            Run(ctl, "-D", DataDirectory, "-m", "fast", "-w", action);
        }
    }

    /// <summary>Stops a private cluster and removes its files (the shared one is stopped when the process ends).</summary>
    public void Dispose()
    {
        if (_dataRoot is not null && this != Shared)
        {
            Stop();
        }
    }

    private void Stop()
    {
        try
        {
            PgCtl("stop");
        }
        catch (Exception)
        {
            // Already stopped (an outage test stops it on purpose), or the process is ending.
        }

        try
        {
            Directory.Delete(_dataRoot!, recursive: true);
        }
        catch (Exception)
        {
            // The process is ending; a cluster left behind is stopped by the next reboot and lives under /tmp.
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(IsRoot && file is not ("chown" or "chmod") ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (IsRoot && file is not ("chown" or "chmod"))
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
