namespace HypermediaBpm.Bpmn.Model;

/// <summary>Plain <c>task</c> (abstract task): passes through.</summary>
public class TaskActivity : Activity
{
}

public sealed class UserTask : TaskActivity
{
    public string? Assignee { get; init; }

    public List<string> CandidateUsers { get; } = new();

    public List<string> CandidateGroups { get; } = new();

    public string? FormKey { get; init; }

    public string? DueDate { get; init; }

    public string? Priority { get; init; }

    public List<FormField> FormFields { get; } = new();
}

public sealed class ManualTask : TaskActivity
{
}

public sealed class ScriptTask : TaskActivity
{
    public string? ScriptFormat { get; init; }

    public string? Script { get; init; }

    public SourcePosition ScriptPosition { get; init; }

    public string? ResultVariable { get; init; }
}

/// <summary>Service task, also the base of send and business rule tasks.</summary>
public class ServiceTask : TaskActivity
{
    /// <summary><c>camunda:type</c> (e.g. <c>external</c>) or null.</summary>
    public string? ImplementationType { get; init; }

    /// <summary><c>camunda:topic</c> or <c>zeebe:taskDefinition type</c>: the job topic.</summary>
    public string? Topic { get; init; }

    public string? Retries { get; init; }

    /// <summary><c>camunda:expression</c>, <c>camunda:class</c>, <c>camunda:delegateExpression</c> as written.</summary>
    public string? Expression { get; init; }

    /// <summary>Which attribute <see cref="Expression"/> came from: <c>expression</c>, <c>class</c> or <c>delegateExpression</c>.</summary>
    public string? ExpressionAttribute { get; init; }

    public string? ResultVariable { get; init; }

    /// <summary>Connector id (e.g. <c>http-connector</c>) when the task uses <c>camunda:connector</c>.</summary>
    public string? ConnectorId { get; init; }

    /// <summary>The connector's own <c>camunda:inputOutput</c> inputs (for the HTTP connector: url, method, headers, payload…).</summary>
    public List<IoMapping> ConnectorInputs { get; } = new();

    /// <summary>The connector's outputs, evaluated over its result (for HTTP: response, statusCode, headers).</summary>
    public List<IoMapping> ConnectorOutputs { get; } = new();
}

public sealed class SendTask : ServiceTask
{
    public string? MessageRef { get; init; }

    public Message? Message { get; set; }
}

public sealed class BusinessRuleTask : ServiceTask
{
    public string? DecisionRef { get; init; }
}

public sealed class ReceiveTask : TaskActivity
{
    public string? MessageRef { get; init; }

    public Message? Message { get; set; }

    public bool Instantiate { get; init; }
}
