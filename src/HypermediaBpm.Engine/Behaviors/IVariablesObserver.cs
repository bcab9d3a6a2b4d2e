namespace HypermediaBpm.Engine.Behaviors;

/// <summary>
/// Something that waits for variables to change (a conditional event). Once a step has changed variables and nothing
/// else is ready, the executor asks every observer the <see cref="BehaviorTable"/> holds.
/// </summary>
public interface IVariablesObserver
{
    /// <summary>Variables changed: true when the observer moved a token or started one.</summary>
    bool VariablesChanged(IBehaviorContext context);
}
