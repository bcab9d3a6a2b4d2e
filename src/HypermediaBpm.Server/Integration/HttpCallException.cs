namespace HypermediaBpm.Server.Integration;

/// <summary>
/// An HTTP task's call that cannot succeed by trying again — its request cannot be made from its inputs, or its answer
/// is larger than the server reads: the job fails at once with an incident of <see cref="IncidentCode"/>.
/// </summary>
public sealed class HttpCallException(string incidentCode, string message) : Exception(message)
{
    public string IncidentCode { get; } = incidentCode;
}
