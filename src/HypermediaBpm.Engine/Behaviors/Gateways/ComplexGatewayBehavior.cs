using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Gateways;

/// <summary>
/// Complex gateway (BPMN 2.0 §10.6.5). Joining, tokens wait at it until its <c>activationCondition</c> holds — evaluated
/// with <c>activationCount</c>, the number of tokens that arrived in this round, beside the variables — (without one:
/// until no token can still arrive, as an inclusive join); then it fires once: the arrived tokens merge and one leaves.
/// Tokens still on their way are then awaited without firing again: each is absorbed as it arrives, and when none can
/// arrive any more the gateway resets, ready for the next round; a token on a flow that already delivered in this round
/// waits for the next one. While it waits for that reset it holds a token of its own (joining, with the round's
/// <c>activationCount</c> and <c>deliveredFlows</c>), so the reset survives a restart. Splitting, it takes every
/// outgoing flow whose condition holds; the default flow only when none does; none at all is an incident.
/// </summary>
public sealed class ComplexGatewayBehavior : IJoinBehavior
{
    private const string ActivationCount = "activationCount";
    private const string DeliveredFlows = "deliveredFlows";

    public string? WhyUnsupported(FlowNode node)
    {
        var gateway = (ComplexGateway)node;
        if (string.IsNullOrWhiteSpace(gateway.ActivationCondition))
        {
            return null;
        }

        return ExpressionCompiler.TryCompile(gateway.ActivationCondition.Trim(), out _, out var error)
            ? null
            : $"The activationCondition of complex gateway '{gateway.DisplayName}' does not parse: {error!.Message}";
    }

    public void Execute(IBehaviorContext context, Token token, FlowNode node)
    {
        var gateway = (ComplexGateway)node;
        if (gateway.Incoming.Count <= 1)
        {
            Split(context, token, gateway);
            return;
        }

        if (IsResetToken(token))
        {
            // Every expected token arrived, or none can any more: the gateway resets (its token may be the scope's last).
            context.Consume(token, node);
            return;
        }

        context.Join(token);
        if (ResetTokenAt(context, token, node) is { } reset)
        {
            var delivered = Delivered(reset);
            if (token.ViaFlowId is { } via && delivered.Contains(via))
            {
                return; // this flow delivered in this round already: the token waits for the next one
            }

            // Fired already in this round: a token still expected is absorbed; the last one resets the gateway.
            context.Merge(token, node);
            delivered.Add(token.ViaFlowId);
            if (CanReset(context, reset, gateway))
            {
                context.Consume(reset, node);
            }

            return;
        }

        var arrived = Arrived(context, token, node);
        if (!Activated(context, token, gateway, arrived.Count))
        {
            return;
        }

        var flows = new List<object?>();
        foreach (var other in arrived)
        {
            flows.Add(other.ViaFlowId);
            if (other != token)
            {
                context.Merge(other, node);
            }
        }

        context.Resume(token);
        if (!context.NothingUpstream(token, node))
        {
            var waiting = context.Activate(node, context.ScopeOf(token));
            context.Join(waiting);
            context.SetLocalVariable(waiting, ActivationCount, (long)arrived.Count);
            context.SetLocalVariable(waiting, DeliveredFlows, flows);
        }

        Split(context, token, gateway);
    }

    /// <summary>Asked once nothing else is ready: a waiting round may now be complete, or its reset due.</summary>
    public bool CanFire(IBehaviorContext context, Token joining, FlowNode node)
    {
        if (IsResetToken(joining))
        {
            return CanReset(context, joining, (ComplexGateway)node);
        }

        return ResetTokenAt(context, joining, node) is null
            && Activated(context, joining, (ComplexGateway)node, Arrived(context, joining, node).Count);
    }

    /// <summary>Every incoming flow has delivered in this round, or no token can still arrive.</summary>
    private static bool CanReset(IBehaviorContext context, Token reset, ComplexGateway gateway)
    {
        var delivered = Delivered(reset);
        return gateway.Incoming.All(f => delivered.Contains(f.Id)) || context.NothingUpstream(reset, gateway);
    }

    private static List<object?> Delivered(Token reset) => (List<object?>)reset.Variables![DeliveredFlows]!;

    private static bool IsResetToken(Token token) => token.Variables?.ContainsKey(ActivationCount) == true;

    private static Token? ResetTokenAt(IBehaviorContext context, Token token, FlowNode node) =>
        context.TokensIn(context.ScopeOf(token)).FirstOrDefault(t => t.ActivityId == node.Id && t.State == TokenState.Joining && IsResetToken(t));

    private static List<Token> Arrived(IBehaviorContext context, Token token, FlowNode node) =>
        context.TokensIn(context.ScopeOf(token)).Where(t => t.ActivityId == node.Id && t.State == TokenState.Joining && !IsResetToken(t)).ToList();

    private static bool Activated(IBehaviorContext context, Token token, ComplexGateway gateway, int arrived)
    {
        if (string.IsNullOrWhiteSpace(gateway.ActivationCondition))
        {
            return context.NothingUpstream(token, gateway);
        }

        var saved = context.PointOfView;
        context.PointOfView = token;
        try
        {
            var variables = new WithCount(context.Variables, arrived);
            return context.Process.Condition(gateway.ActivationCondition).EvaluateCondition(variables);
        }
        finally
        {
            context.PointOfView = saved;
        }
    }

    private static void Split(IBehaviorContext context, Token token, ComplexGateway gateway)
    {
        var taken = gateway.Outgoing.Where(f => f != gateway.DefaultFlow && context.ConditionHolds(f)).ToList();
        if (taken.Count == 0 && gateway.DefaultFlow is { } defaultFlow)
        {
            taken.Add(defaultFlow);
        }

        if (taken.Count == 0)
        {
            context.Fail(token, gateway, "NO_OUTGOING_FLOW_MATCHED",
                $"No condition of complex gateway '{gateway.DisplayName}' holds and it has no default flow.");
            return;
        }

        context.Fork(token, gateway, taken);
    }

    /// <summary>The variables with <c>activationCount</c> in front (a variable of that name is hidden while the condition runs).</summary>
    private sealed class WithCount(IVariableResolver variables, int count) : IVariableResolver
    {
        public bool TryGetVariable(string name, out object? value)
        {
            if (name == ActivationCount)
            {
                value = (long)count;
                return true;
            }

            return variables.TryGetVariable(name, out value);
        }
    }
}
