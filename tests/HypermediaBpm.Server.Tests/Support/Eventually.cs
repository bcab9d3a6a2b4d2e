namespace HypermediaBpm.Server.Tests.Support;

/// <summary>
/// Waiting for what the server does after it answered (HTTP tasks, the coordinator, timers): probes until the probe
/// finds what it looks for, or fails with what it saw last.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The first non-null result of <paramref name="probe"/>; after <see cref="Patience"/>, a failure saying <paramref name="what"/>.</summary>
    public static async Task<T> FindAsync<T>(Func<Task<T?>> probe, Func<string> what, TimeSpan? patience = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, what());
            await Task.Delay(25);
        }
    }

    /// <summary>The instance once it is in <paramref name="state"/>.</summary>
    public static async Task<HalDocument> StateAsync(HalClient hal, string instance, string state)
    {
        var last = "unknown";
        return await FindAsync(async () =>
        {
            var current = await hal.GetAsync(instance);
            last = current.String("state") ?? "unknown";
            return last == state ? current : null;
        }, () => $"The instance is {last}, not {state}.");
    }
}
