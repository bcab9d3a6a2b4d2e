using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;
using static HypermediaBpm.Bpmn.Parsing.BpmnXml;

namespace HypermediaBpm.Bpmn.Parsing;

public static partial class BpmnParser
{
    private static Activity MapTask(XElement e, string local, ParseContext ctx)
    {
        var h = ActivityHeader.Read(e, ctx);
        Activity task = local switch
        {
            "userTask" => MapUserTask(e, h),
            "scriptTask" => MapScriptTask(e, h),
            "serviceTask" or "sendTask" or "businessRuleTask" => MapServiceTask(e, local, h),
            "manualTask" => new ManualTask
            {
                Id = h.Id, ElementName = local, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef, IsForCompensation = h.IsForCompensation,
            },
            "receiveTask" => new ReceiveTask
            {
                Id = h.Id, ElementName = local, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef, IsForCompensation = h.IsForCompensation,
                MessageRef = RefAttr(e, "messageRef"), Instantiate = ctx.Bool(e, "instantiate", fallback: false),
            },
            _ => new TaskActivity
            {
                Id = h.Id, ElementName = local, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef, IsForCompensation = h.IsForCompensation,
            },
        };
        return FinishActivity(task, e, ctx);
    }

    private static UserTask MapUserTask(XElement e, ActivityHeader h)
    {
        var assignment = ZeebeExtension(e, "assignmentDefinition");
        var form = ZeebeExtension(e, "formDefinition");
        var schedule = ZeebeExtension(e, "taskSchedule");
        var priority = ZeebeExtension(e, "priorityDefinition");
        var task = new UserTask
        {
            Id = h.Id, ElementName = e.Name.LocalName, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef, IsForCompensation = h.IsForCompensation,
            Assignee = CamundaAttr(e, "assignee") ?? Optional(assignment, "assignee"),

            // Zeebe 8.3+ links forms by formId or externalReference instead of formKey; any of them names the form.
            FormKey = CamundaAttr(e, "formKey") ?? Optional(form, "formKey") ?? Optional(form, "formId") ?? Optional(form, "externalReference"),
            DueDate = CamundaAttr(e, "dueDate") ?? Optional(schedule, "dueDate"),
            Priority = CamundaAttr(e, "priority") ?? Optional(priority, "priority"),
        };
        task.CandidateUsers.AddRange(SplitList(CamundaAttr(e, "candidateUsers")));
        task.CandidateUsers.AddRange(SplitList(Optional(assignment, "candidateUsers")));
        task.CandidateGroups.AddRange(SplitList(CamundaAttr(e, "candidateGroups")));
        task.CandidateGroups.AddRange(SplitList(Optional(assignment, "candidateGroups")));
        ReadFormFields(e, task.FormFields);
        return task;
    }

    private static ScriptTask MapScriptTask(XElement e, ActivityHeader h)
    {
        var script = Child(e, "script");
        var zeebeScript = ZeebeExtension(e, "script");

        // The script body keeps its whitespace (indentation can matter to the language); only a blank body is null.
        var raw = script is null ? null : RawText(script);
        var body = string.IsNullOrWhiteSpace(raw) ? null : raw;
        var zeebeExpression = Optional(zeebeScript, "expression");
        return new ScriptTask
        {
            Id = h.Id, ElementName = e.Name.LocalName, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef, IsForCompensation = h.IsForCompensation,
            ScriptFormat = Attr(e, "scriptFormat") ?? (body is null && zeebeExpression is not null ? "feel" : null),
            Script = body ?? zeebeExpression,
            ScriptPosition = script is not null ? PositionOf(script) : zeebeScript is not null ? PositionOf(zeebeScript) : default,
            ResultVariable = CamundaAttr(e, "resultVariable") ?? Optional(zeebeScript, "resultVariable"),
        };
    }

    /// <summary>Service, send and business rule tasks share Camunda's implementation attributes and Zeebe's job definition.</summary>
    private static ServiceTask MapServiceTask(XElement e, string local, ActivityHeader h)
    {
        var job = ZeebeExtension(e, "taskDefinition");
        var decision = ZeebeExtension(e, "calledDecision");
        var connector = CamundaExtension(e, "connector");
        var connectorId = connector is null ? null : Text(CamundaChildren(connector, "connectorId").FirstOrDefault());
        var type = CamundaAttr(e, "type");
        var topic = CamundaAttr(e, "topic") ?? Optional(job, "type");
        var retries = Optional(job, "retries");
        var expressionAttribute = new[] { "expression", "class", "delegateExpression" }.FirstOrDefault(a => CamundaAttr(e, a) is not null);
        var expression = expressionAttribute is null ? null : CamundaAttr(e, expressionAttribute);
        var resultVariable = CamundaAttr(e, "resultVariable") ?? Optional(decision, "resultVariable");
        ServiceTask task = local switch
        {
            "sendTask" => new SendTask
            {
                Id = h.Id, ElementName = local, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef, IsForCompensation = h.IsForCompensation,
                ImplementationType = type, Topic = topic, Retries = retries, Expression = expression, ExpressionAttribute = expressionAttribute, ResultVariable = resultVariable, ConnectorId = connectorId,
                MessageRef = RefAttr(e, "messageRef"),
            },
            "businessRuleTask" => new BusinessRuleTask
            {
                Id = h.Id, ElementName = local, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef, IsForCompensation = h.IsForCompensation,
                ImplementationType = type, Topic = topic, Retries = retries, Expression = expression, ExpressionAttribute = expressionAttribute, ResultVariable = resultVariable, ConnectorId = connectorId,
                DecisionRef = CamundaAttr(e, "decisionRef") ?? Optional(decision, "decisionId"),
            },
            _ => new ServiceTask
            {
                Id = h.Id, ElementName = local, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef, IsForCompensation = h.IsForCompensation,
                ImplementationType = type, Topic = topic, Retries = retries, Expression = expression, ExpressionAttribute = expressionAttribute, ResultVariable = resultVariable, ConnectorId = connectorId,
            },
        };
        if (connector is not null)
        {
            ReadConnectorIo(connector, task.ConnectorInputs, task.ConnectorOutputs);
        }

        return task;
    }

    private static string? Optional(XElement? e, string attribute) => e is null ? null : Attr(e, attribute);
}
