using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// <c>transaction</c>: an embedded subprocess that is a try-confirm/cancel scope (see
/// <see cref="ProcessExecution.FinishConfirm"/>). It runs like any subprocess; entering it starts with no participants;
/// withdrawn while its participants are being confirmed, the confirmation job goes and they are cancelled instead.
/// Compensation is not run: the participants' own cancel is what undoes their work.
/// </summary>
public sealed class TransactionBehavior(SubProcessBehavior subProcess) : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var transaction = (TransactionSubProcess)node;
        return transaction.TriggeredByEvent
            ? $"'{transaction.DisplayName}' is a transaction triggered by an event, which BPMN does not allow."
            : null;
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node)
    {
        token.Participants = null;
        subProcess.Execute(execution, token, node);
    }

    public void Cancel(ProcessExecution execution, Token token, FlowNode node) => execution.RemoveJob(token, completed: false);
}
