using System.Net;
using System.Net.Sockets;

namespace HypermediaBpm.Server.Tests.Support;

/// <summary>
/// A bare TCP listener on a loopback address of the test's choosing (such as <c>127.0.0.2</c>) that counts the
/// connections it accepts and closes them: what shows that a call refused by the outbound policy never reached it.
/// </summary>
internal sealed class ConnectionCounter : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;

    public ConnectionCounter(IPAddress address)
    {
        Assert.True(IPAddress.IsLoopback(address), "Tests listen on loopback addresses only.");
        _listener = new TcpListener(address, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
