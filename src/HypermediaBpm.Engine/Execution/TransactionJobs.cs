using System.Text.Json;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// The jobs a <c>transaction</c> subprocess leaves for the server's try-confirm/cancel coordinator: <c>confirm</c>
/// when the scope completed (its token waits for the outcome), <c>cancel</c> when it was cancelled, interrupted or
/// withdrawn (nothing waits; the outcome is recorded). The payload is the coordinator's own request body plus the
/// operation: <c>{"operation": "confirm", "participantLinks": [{"uri", "expires"}, …]}</c>.
/// </summary>
public static class TransactionJobs
{
    /// <summary>The topic of these jobs; the server's transaction worker locks it like any worker locks its topic.</summary>
    public const string Topic = CoordinatorJobs.Topic;

    public const string Confirm = CoordinatorJobs.Confirm;
    public const string Cancel = CoordinatorJobs.Cancel;

    /// <summary>A coordinator job's work: what to do with which participants.</summary>
    public sealed record Work(string Operation, IReadOnlyList<EnlistedParticipant> Participants);

    public static string Payload(string operation, IReadOnlyList<EnlistedParticipant> participants) => CoordinatorJobs.Payload(operation, participants);

    /// <summary>The work a coordinator job carries; null for any other job.</summary>
    public static Work? Read(Persistence.JobRecord job)
    {
        if (job.Topic != Topic || job.Payload is not { } payload)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        var participants = root.GetProperty("participantLinks").EnumerateArray()
            .Select(p => new EnlistedParticipant(
                p.GetProperty("uri").GetString()!,
                p.GetProperty("expires").GetDateTimeOffset(),
                p.TryGetProperty("activity", out var a) ? a.GetString()! : job.ActivityId))
            .ToList();
        return new Work(root.GetProperty("operation").GetString()!, participants);
    }
}
