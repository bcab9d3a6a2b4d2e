using HypermediaBpm.Engine.Behaviors.Tasks;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Server.Problems;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// The job topics the server works itself (HTTP service tasks, the try-confirm/cancel coordinator). Their jobs run
/// as the server with the server's own outbound rules, so the public job protocol refuses them to everyone, admins
/// included (<c>403 FORBIDDEN</c>, <c>context.required</c> <c>server</c>): a user who could lock them could make the
/// server's calls wait, or answer them with anything.
/// </summary>
public static class ServerTopics
{
    public const string Required = "server";

    public static IReadOnlyList<string> All { get; } = [ExternalTaskBehavior.HttpConnectorTopic, TransactionJobs.Topic];

    public static bool Contains(string? topic) => topic is not null && All.Contains(topic, StringComparer.Ordinal);

    public static void Refuse(string? topic)
    {
        if (Contains(topic))
        {
            throw new HttpProblemException(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
                $"Jobs of '{topic}' are the server's own work; no worker may lock or report on them.",
                new Dictionary<string, object?> { ["required"] = Required, ["topic"] = topic });
        }
    }
}
