namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>Which version of the called process a call activity starts (<c>camunda:calledElementBinding</c>).</summary>
public enum CallBinding
{
    /// <summary>The latest version when the call happens (the default, and Zeebe's only behaviour).</summary>
    Latest,

    /// <summary>The version named by <c>camunda:calledElementVersion</c>.</summary>
    Version,

    /// <summary>The latest version deployed at or before the caller's own version (deployed with it or earlier).</summary>
    Deployment,
}
