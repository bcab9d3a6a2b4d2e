using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;

namespace HypermediaBpm.Engine.Triggers;

/// <summary>
/// Turns an event's trigger object (timer, message or signal definition) into a <see cref="SubscriptionRecord"/>:
/// the one place that knows how each kind of trigger waits. Intermediate catch events, receive tasks, the
/// events after an event-based gateway and start events all subscribe through here; a boundary event or an
/// event-subprocess start can do the same with its host activity's token.
/// </summary>
public static class EventSubscriptions
{
    /// <summary>True for the triggers that wait for something from outside.</summary>
    public static bool Waits(EventDefinition? definition) =>
        definition is TimerEventDefinition or MessageEventDefinition or SignalEventDefinition;

    /// <summary>Deploy-time check of one trigger: null when it can run; literal timers are parsed now.</summary>
    public static string? WhyUnsupported(FlowNode node, EventDefinition definition, bool cycleAllowed)
    {
        switch (definition)
        {
            case TimerEventDefinition timer:
                var (kind, text) = TimerText(timer);
                if (text is null)
                {
                    return $"The timer of '{node.DisplayName}' has no timeDate, timeDuration or timeCycle.";
                }

                if (kind == "cycle" && !cycleAllowed)
                {
                    return $"The timer of '{node.DisplayName}' is a cycle (timeCycle), which only a start event can repeat; use a timeDuration or timeDate.";
                }

                if (IsExpression(text))
                {
                    return TryTemplate(text, out var error) ? null : $"The timer expression of '{node.DisplayName}' does not parse: {error}";
                }

                try
                {
                    _ = Schedule(kind, text, DateTimeOffset.UnixEpoch);
                    return null;
                }
                catch (FormatException ex)
                {
                    return $"The timer of '{node.DisplayName}' is invalid: {ex.Message}";
                }

            case MessageEventDefinition message:
                return MessageName(message) is null ? $"The message of '{node.DisplayName}' has no name." : null;
            case SignalEventDefinition signal:
                return SignalName(signal) is null ? $"The signal of '{node.DisplayName}' has no name." : null;
            default:
                return $"'{node.DisplayName}' has a {definition.ElementName}, which this engine does not run here.";
        }
    }

    /// <summary>
    /// The subscription for <paramref name="definition"/>: timers get their due time, messages their name and
    /// correlation key (the key expression evaluated now; without one, the instance's business key).
    /// </summary>
    public static SubscriptionRecord Create(
        EventDefinition definition, FlowNode catching, DeployedProcess process, IVariableResolver variables, string? businessKey,
        string? instanceId, string? tokenId, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now).ToString("N");
        var record = process.Record;
        switch (definition)
        {
            case TimerEventDefinition timer:
                var (kind, text) = TimerText(timer);
                var evaluated = Convert.ToString(process.Template(text!.Trim()).Evaluate(variables), CultureInfo.InvariantCulture)
                    ?? throw new FormatException($"The timer expression of '{catching.DisplayName}' gave no value.");
                var schedule = Schedule(kind, evaluated, now);
                return new SubscriptionRecord(id, SubscriptionKinds.Timer, null, null, schedule.DueAt, schedule.Period, schedule.RepeatsLeft,
                    instanceId, tokenId, catching.Id, record.Id, record.Key, now);
            case MessageEventDefinition message:
                var keySource = message.CorrelationKey ?? message.Message?.CorrelationKey;
                var key = keySource is { Length: > 0 } && instanceId is not null
                    ? Convert.ToString(process.Template(keySource.Trim()).Evaluate(variables), CultureInfo.InvariantCulture)
                    : businessKey;
                return new SubscriptionRecord(id, SubscriptionKinds.Message, MessageName(message), key, null, null, 0,
                    instanceId, tokenId, catching.Id, record.Id, record.Key, now);
            case SignalEventDefinition signal:
                return new SubscriptionRecord(id, SubscriptionKinds.Signal, SignalName(signal), null, null, null, 0,
                    instanceId, tokenId, catching.Id, record.Id, record.Key, now);
            default:
                throw new InvalidOperationException($"'{catching.Id}' has no trigger that waits.");
        }
    }

    /// <summary>A receive task's message; one without a message waits for a message named after the task's id.</summary>
    public static SubscriptionRecord ForReceiveTask(ReceiveTask task, DeployedProcess process, IVariableResolver variables, string? businessKey, string instanceId, string tokenId, DateTimeOffset now)
    {
        var definition = new MessageEventDefinition
        {
            ElementName = "messageEventDefinition",
            MessageRef = task.MessageRef,
            Message = task.Message ?? new Message { Id = task.Id, ElementName = "message", Name = task.Id },
        };
        return Create(definition, task, process, variables, businessKey, instanceId, tokenId, now);
    }

    public static string? MessageName(MessageEventDefinition message) => NonEmpty(message.Message?.Name) ?? NonEmpty(message.MessageRef);

    public static string? SignalName(SignalEventDefinition signal) => NonEmpty(signal.Signal?.Name) ?? NonEmpty(signal.SignalRef);

    private static TimerSchedule Schedule(string kind, string text, DateTimeOffset now) => kind switch
    {
        "date" => TimerSchedule.Date(text),
        "duration" => TimerSchedule.Duration(text, now),
        _ => TimerSchedule.Cycle(text, now),
    };

    private static (string Kind, string? Text) TimerText(TimerEventDefinition timer) =>
        NonEmpty(timer.TimeDate) is { } date ? ("date", date)
        : NonEmpty(timer.TimeDuration) is { } duration ? ("duration", duration)
        : ("cycle", NonEmpty(timer.TimeCycle));

    private static bool IsExpression(string text) => text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal) || text.TrimStart().StartsWith('=');

    private static bool TryTemplate(string text, out string? error)
    {
        try
        {
            _ = ExpressionCompiler.CompileTemplate(text.Trim());
            error = null;
            return true;
        }
        catch (ExpressionSyntaxException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
