using System.Collections.Concurrent;
using System.Reflection;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Tests.Support;

/// <summary>
/// A real store seen through a counter: every call goes on to the store it wraps, and how often each store method
/// was called is kept by name, so a test can hold a command to the reads it should make.
/// </summary>
public class StoreCallCounter : DispatchProxy
{
    private IEngineStore _inner = null!;

    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    public static (IEngineStore Store, StoreCallCounter Counter) Wrap(IEngineStore inner)
    {
        var store = Create<IEngineStore, StoreCallCounter>();
        var counter = (StoreCallCounter)(object)store;
        counter._inner = inner;
        return (store, counter);
    }

    public int Count(string method) => Calls.GetValueOrDefault(method);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls.AddOrUpdate(targetMethod.Name, 1, static (_, n) => n + 1);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
