using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Parsing;

/// <summary>Walks the model without recursion, so nesting depth never costs stack.</summary>
internal static class ModelWalk
{
    /// <summary>Every flow element of a scope and of the subprocesses in it, in document order.</summary>
    public static IEnumerable<FlowElement> AllFlowElements(IFlowElementContainer scope)
    {
        var pending = new Stack<IEnumerator<FlowElement>>();
        pending.Push(scope.FlowElements.GetEnumerator());
        while (pending.Count > 0)
        {
            var current = pending.Peek();
            if (!current.MoveNext())
            {
                pending.Pop();
                continue;
            }

            var element = current.Current;
            yield return element;
            if (element is SubProcess subProcess)
            {
                pending.Push(subProcess.FlowElements.GetEnumerator());
            }
        }
    }

    /// <summary>The scope itself and every subprocess in it: the places sequence flows, starts and links live in.</summary>
    public static IEnumerable<IFlowElementContainer> Scopes(IFlowElementContainer scope) =>
        new[] { scope }.Concat(AllFlowElements(scope).OfType<SubProcess>());
}
