namespace HypermediaBpm.Engine.Commands;

/// <summary>
/// One instruction of an instance modification (ruote's "process gardening", Camunda's modification): a person
/// moves an instance by hand where the model alone would not take it.
/// </summary>
public abstract record Modification;

/// <summary>Cancels one activity instance (a token, by its id in <c>activeActivities</c>), with everything inside it.</summary>
public sealed record CancelActivityInstance(string ActivityInstanceId) : Modification;

/// <summary>Starts a token at an activity, which runs as if a sequence flow had just brought it there.</summary>
public sealed record StartBeforeActivity(string ActivityId) : Modification;

/// <summary>Starts a token on the one sequence flow leaving an activity, as if the activity had just completed.</summary>
public sealed record StartAfterActivity(string ActivityId) : Modification;
