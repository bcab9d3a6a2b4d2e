using System.Buffers;
using System.Text.Json;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// The stored format of an instance's inner state (variables, tokens, incidents). Versioned by its
/// <c>"v"</c> field; golden files in the tests pin it, so a change here needs a migration.
/// Version 2 adds a token's local variables (<c>"vars"</c>) and loop counter (<c>"loop"</c>), both written
/// only when set; a version 1 document is a version 2 document without them, so both are read.
/// A call activity's token carries the instance it called (<c>"called"</c>), also written only when set, so
/// documents without call activities are byte for byte what they were (the golden files still hold).
/// Where an instance was called from is not in the document: it is a column of its own (see
/// <see cref="InstanceSummary.Parent"/>), because it never changes and is queried.
/// What can still be compensated (<c>"compensations"</c>: id, activity, handler, scope, thrower) is written only when
/// there is something, for the same reason.
/// </summary>
public static class InstanceStateSerializer
{
    public const int FormatVersion = 2;

    /// <summary>The oldest stored format this engine still reads.</summary>
    public const int OldestReadableVersion = 1;

    public static string Serialize(ProcessInstance instance)
    {
        // Every command serializes its instances: one buffer and one JSON writer per thread, reset each time, so only
        // the resulting string is new (issue 18).
        var (buffer, w) = t_scratch ??= (new ArrayBufferWriter<byte>(1024), new Utf8JsonWriter(Stream.Null));
        buffer.ResetWrittenCount();
        w.Reset(buffer);
        {
            w.WriteStartObject();
            w.WriteNumber("v", FormatVersion);
            w.WriteNumber("lastToken", instance.LastTokenNumber);
            w.WritePropertyName("variables");
            VariableJson.Write(w, instance.Variables);
            w.WriteStartArray("tokens");
            foreach (var t in instance.Tokens)
            {
                w.WriteStartObject();
                w.WriteString("id", t.Id);
                w.WriteString("activity", t.ActivityId);
                w.WriteString("state", StateName(t.State));
                if (t.ViaFlowId is not null)
                {
                    w.WriteString("via", t.ViaFlowId);
                }

                if (t.ScopeId is not null)
                {
                    w.WriteString("scope", t.ScopeId);
                }

                if (t.WorkItemId is not null)
                {
                    w.WriteString("workItem", t.WorkItemId);
                }

                if (t.CalledInstanceId is not null)
                {
                    w.WriteString("called", t.CalledInstanceId);
                }

                if (t.LoopCounter is { } loop)
                {
                    w.WriteNumber("loop", loop);
                }

                if (t.Variables is { Count: > 0 } locals)
                {
                    w.WritePropertyName("vars");
                    VariableJson.Write(w, locals);
                }

                if (t.Participants is { Count: > 0 } participants)
                {
                    w.WriteStartArray("tcc");
                    foreach (var p in participants)
                    {
                        w.WriteStartObject();
                        w.WriteString("uri", p.Uri);
                        w.WriteString("expires", p.Expires);
                        w.WriteString("activity", p.ActivityId);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteString("since", t.Since);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (instance.Incidents.Count > 0)
            {
                w.WriteStartArray("incidents");
                foreach (var i in instance.Incidents)
                {
                    w.WriteStartObject();
                    w.WriteString("id", i.Id);
                    w.WriteString("token", i.TokenId);
                    w.WriteString("activity", i.ActivityId);
                    w.WriteString("code", i.Code);
                    w.WriteString("message", i.Message);
                    w.WriteString("createdAt", i.CreatedAt);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (instance.HasCompensations)
            {
                WriteCompensations(w, instance.Compensations);
            }

            w.WriteEndObject();
        }

        w.Flush();
        var json = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        w.Reset(Stream.Null);
        if (buffer.Capacity > 64 * 1024)
        {
            t_scratch = null; // an instance with large variables does not leave its buffer on the thread
        }

        return json;
    }

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_scratch;

    public static ProcessInstance Deserialize(StoredInstance stored)
    {
        var s = stored.Summary;
        using var doc = JsonDocument.Parse(stored.StateJson);
        var root = doc.RootElement;
        var version = root.GetProperty("v").GetInt32();
        if (version < OldestReadableVersion || version > FormatVersion)
        {
            throw new InvalidDataException(
                $"Instance '{s.Id}' is stored in state format {version}; this engine reads {OldestReadableVersion} to {FormatVersion}.");
        }

        var instance = new ProcessInstance
        {
            Id = s.Id,
            DefinitionId = s.DefinitionId,
            ProcessKey = s.ProcessKey,
            ProcessVersion = s.ProcessVersion,
            BusinessKey = s.BusinessKey,
            Parent = s.Parent,
            Revision = s.Revision,
            StartedAt = s.StartedAt,
            UpdatedAt = s.UpdatedAt,
            LastTokenNumber = root.GetProperty("lastToken").GetInt32(),
            Variables = root.GetProperty("variables").EnumerateObject()
                .ToDictionary(p => p.Name, p => VariableJson.FromElement(p.Value), StringComparer.Ordinal),
        };
        instance.RestoreState(s.State, s.EndedAt);
        foreach (var t in root.GetProperty("tokens").EnumerateArray())
        {
            instance.Tokens.Add(new Token
            {
                Id = t.GetProperty("id").GetString()!,
                ActivityId = t.GetProperty("activity").GetString()!,
                State = ParseState(t.GetProperty("state").GetString()),
                ViaFlowId = t.TryGetProperty("via", out var via) ? via.GetString() : null,
                ScopeId = t.TryGetProperty("scope", out var scope) ? scope.GetString() : null,
                Since = t.GetProperty("since").GetDateTimeOffset(),
                WorkItemId = t.TryGetProperty("workItem", out var item) ? item.GetString() : null,
                LoopCounter = t.TryGetProperty("loop", out var loop) ? loop.GetInt32() : null,
                CalledInstanceId = t.TryGetProperty("called", out var called) ? called.GetString() : null,
                Variables = t.TryGetProperty("vars", out var vars)
                    ? vars.EnumerateObject().ToDictionary(p => p.Name, p => VariableJson.FromElement(p.Value), StringComparer.Ordinal)
                    : null,
                Participants = t.TryGetProperty("tcc", out var tcc)
                    ? tcc.EnumerateArray().Select(p => new EnlistedParticipant(
                        p.GetProperty("uri").GetString()!, p.GetProperty("expires").GetDateTimeOffset(), p.GetProperty("activity").GetString()!)).ToList()
                    : null,
            });
        }

        if (root.TryGetProperty("incidents", out var incidents))
        {
            foreach (var i in incidents.EnumerateArray())
            {
                instance.Incidents.Add(new Incident(
                    i.GetProperty("id").GetString()!,
                    i.GetProperty("token").GetString()!,
                    i.GetProperty("activity").GetString()!,
                    i.GetProperty("code").GetString()!,
                    i.GetProperty("message").GetString()!,
                    i.GetProperty("createdAt").GetDateTimeOffset()));
            }
        }

        if (root.TryGetProperty("compensations", out var compensations))
        {
            foreach (var c in compensations.EnumerateArray())
            {
                instance.Compensations.Add(new CompensationRecord
                {
                    Id = c.GetProperty("id").GetString()!,
                    ActivityId = c.GetProperty("activity").GetString()!,
                    HandlerId = c.TryGetProperty("handler", out var handler) ? handler.GetString() : null,
                    ScopeId = c.TryGetProperty("scope", out var scope) ? scope.GetString() : null,
                    ThrowerId = c.TryGetProperty("thrower", out var thrower) ? thrower.GetString() : null,
                });
            }
        }

        return instance;
    }

    private static void WriteCompensations(Utf8JsonWriter w, List<CompensationRecord> compensations)
    {
        w.WriteStartArray("compensations");
        foreach (var c in compensations)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("activity", c.ActivityId);
            if (c.HandlerId is not null)
            {
                w.WriteString("handler", c.HandlerId);
            }

            if (c.ScopeId is not null)
            {
                w.WriteString("scope", c.ScopeId);
            }

            if (c.ThrowerId is not null)
            {
                w.WriteString("thrower", c.ThrowerId);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string StateName(TokenState state) => state switch
    {
        TokenState.Ready => "ready",
        TokenState.Waiting => "waiting",
        TokenState.Joining => "joining",
        TokenState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static TokenState ParseState(string? name) => name switch
    {
        "ready" => TokenState.Ready,
        "waiting" => TokenState.Waiting,
        "joining" => TokenState.Joining,
        "failed" => TokenState.Failed,
        _ => throw new InvalidDataException($"Unknown token state '{name}'."),
    };
}
