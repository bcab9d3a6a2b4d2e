using System.Buffers;
using System.Text.Json;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// The jobs a <c>transaction</c> subprocess leaves for the server's try-confirm/cancel coordinator, as the transaction
/// writes them: the payload is the coordinator's own request body plus the operation:
/// <c>{"operation": "confirm", "participantLinks": [{"uri", "expires", "activity"}, …]}</c>.
/// </summary>
public static class CoordinatorJobs
{
    /// <summary>The topic of these jobs; the server's transaction worker locks it like any worker locks its topic.</summary>
    public const string Topic = "tcc-coordinator";

    public const string Confirm = "confirm";
    public const string Cancel = "cancel";

    /// <summary>How often the coordinator job is handed out again when the worker fails it before an incident opens.</summary>
    public const int Retries = 3;

    public static string Payload(string operation, IReadOnlyList<EnlistedParticipant> participants)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("operation", operation);
            w.WriteStartArray("participantLinks");
            foreach (var p in participants)
            {
                w.WriteStartObject();
                w.WriteString("uri", p.Uri);
                w.WriteString("expires", p.Expires.UtcDateTime);
                w.WriteString("activity", p.ActivityId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
