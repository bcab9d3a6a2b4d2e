namespace HypermediaBpm.Server.Identity;

/// <summary>The groups the server creates and gives rights to (contract §9).</summary>
public static class BuiltInGroups
{
    public const string Admins = "admins";
    public const string Operators = "operators";
    public const string Workers = "workers";

    public static IReadOnlyList<string> All { get; } = [Admins, Operators, Workers];
}
