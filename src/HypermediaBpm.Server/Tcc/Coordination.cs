using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Tcc;

/// <summary>
/// A coordination while it runs: participants are worked on side by side, so each one's state and the shared list
/// of steps change under a lock; <see cref="ToRecord"/> is what the store keeps.
/// </summary>
internal sealed class Coordination(string id, string operation, IReadOnlyList<ParticipantLink> links, TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly TransactionParticipant[] _participants =
        links.Select(l => new TransactionParticipant(l.Uri.AbsoluteUri, l.Expires, TransactionParticipantStates.Pending)).ToArray();

    private readonly List<TransactionStep> _steps = [];
    private readonly DateTimeOffset _createdAt = clock.GetUtcNow();

    public string Id { get; } = id;

    public string State { get; set; } = TransactionStates.Active;

    public string? InstanceId { get; init; }

    public IReadOnlyList<ParticipantLink> Links { get; } = links;

    public TransactionParticipant this[int index]
    {
        get
        {
            lock (_gate)
            {
                return _participants[index];
            }
        }
    }

    public void Update(int index, Func<TransactionParticipant, TransactionParticipant> change)
    {
        lock (_gate)
        {
            _participants[index] = change(_participants[index]);
        }
    }

    public void Step(string step, int? participant = null, string? detail = null)
    {
        var at = clock.GetUtcNow();
        lock (_gate)
        {
            _steps.Add(new TransactionStep(at, step, participant is { } i ? _participants[i].Uri : null, detail));
        }
    }

    public TransactionRecord ToRecord()
    {
        lock (_gate)
        {
            return new TransactionRecord(Id, operation, State, _createdAt, clock.GetUtcNow(), [.. _participants], [.. _steps]) { InstanceId = InstanceId };
        }
    }
}
