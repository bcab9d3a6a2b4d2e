using Npgsql;

namespace HypermediaBpm.Storage.Postgres;

/// <summary>
/// One connection per node that LISTENs on <c>hypermediabpm_jobs</c>, where a trigger announces every new job's topic
/// at commit, whichever node wrote it. When the connection breaks it reconnects (with a growing pause) and then
/// announces every topic with an empty name, since jobs may have come while it was deaf.
/// </summary>
internal sealed class JobNotificationListener : IAsyncDisposable
{
    public const string Channel = "hypermediabpm_jobs";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Action<string> _announce;
    private readonly Task _loop;

    public JobNotificationListener(NpgsqlDataSource dataSource, Action<string> announce, CancellationToken stopping)
    {
        _dataSource = dataSource;
        _announce = announce;
        _loop = Task.Run(() => RunAsync(stopping));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var pause = TimeSpan.FromMilliseconds(200);
        var missed = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
                connection.Notification += (_, e) => _announce(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                }

                if (missed)
                {
                    _announce(string.Empty);
                }

                pause = TimeSpan.FromMilliseconds(200);
                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The database went away: try again, pausing longer each time (at most 5 s).
                missed = true;
                try
                {
                    await Task.Delay(pause, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
