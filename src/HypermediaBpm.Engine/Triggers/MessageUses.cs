using System.Text.RegularExpressions;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Definitions;

namespace HypermediaBpm.Engine.Triggers;

/// <summary>
/// The messages a deployed model receives, read from its elements: what makes a message name something a
/// client can post to (a webhook) and tells it which field of its payload says which instance it is for.
/// </summary>
public static partial class MessageUses
{
    /// <summary>Every element of <paramref name="process"/> (subprocesses included) that receives a message, in document order.</summary>
    public static IReadOnlyList<MessageUse> Of(DeployedProcess process)
    {
        var uses = new List<MessageUse>();
        foreach (var element in process.Process.ElementsById.Values)
        {
            var (definition, starts) = element switch
            {
                StartEvent { Trigger: MessageEventDefinition m } start => (m, start.Container is not SubProcess),
                IntermediateCatchEvent { Trigger: MessageEventDefinition m } => (m, false),
                BoundaryEvent { Trigger: MessageEventDefinition m } => (m, false),
                ReceiveTask task => (new MessageEventDefinition
                {
                    ElementName = "messageEventDefinition",
                    MessageRef = task.MessageRef,
                    Message = task.Message ?? new Message { Id = task.Id, ElementName = "message", Name = task.Id },
                }, false),
                _ => ((MessageEventDefinition?)null, false),
            };
            if (definition is null || EventSubscriptions.MessageName(definition) is not { } name || element is not FlowNode node)
            {
                continue;
            }

            // A process's start message has no instance to read a key from: its key becomes the business key.
            var key = starts ? null : NonEmpty(definition.CorrelationKey ?? definition.Message?.CorrelationKey);
            var record = process.Record;
            uses.Add(new MessageUse(name, record.Key, record.Name, record.Version, node.Id, node.DisplayName, starts, key, KeyVariable(key)));
        }

        return uses;
    }

    /// <summary>
    /// The variable a key expression reads when it is nothing but that variable (<c>=orderId</c>, <c>${orderId}</c>,
    /// <c>#{orderId}</c>): a payload field of that name then carries the key. Null for anything else.
    /// </summary>
    public static string? KeyVariable(string? expression)
    {
        if (NonEmpty(expression) is not { } text)
        {
            return null;
        }

        var inner = text.StartsWith('=') ? text[1..].Trim()
            : JuelExpression().Match(text) is { Success: true } juel ? juel.Groups[1].Value
            : null;
        return inner is not null && Identifier().IsMatch(inner) ? inner : null;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^[$#]\{\s*(.*?)\s*\}$")]
    private static partial Regex JuelExpression();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
