namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// This server process's name among the nodes sharing a database: <c>Node:Id</c>, or one made at start (host, process
/// id and a random part). Shown in <c>/health</c>; the PostgreSQL store writes it on every event it records
/// (<c>history.node_id</c>, a timer's firing included), and the timer scheduler's leases name it.
/// </summary>
public sealed class NodeIdentity(string? configured)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(configured)
        ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"
        : configured.Trim();
}
