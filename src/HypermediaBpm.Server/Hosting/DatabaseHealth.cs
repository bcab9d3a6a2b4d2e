namespace HypermediaBpm.Server.Hosting;

/// <summary>When this server last reached its database (for <c>/health</c>); one per server, not per process.</summary>
public sealed class DatabaseHealth
{
    private long _lastConnectedTicks;

    public DateTimeOffset? LastConnected
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastConnectedTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Connected(DateTimeOffset at) => Interlocked.Exchange(ref _lastConnectedTicks, at.UtcTicks);
}
