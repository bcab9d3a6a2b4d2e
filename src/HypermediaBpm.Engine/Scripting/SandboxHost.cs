using Jint.Native.Error;
using Jint.Runtime;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// The one gate every route to code built at run time passes (<c>eval</c>, <c>Function</c>, the async and
/// generator function constructors, <c>ShadowRealm</c>): it lets through only the compilation that
/// <see cref="ScriptSandbox"/>'s own <c>eval</c> and <c>Function</c> announced after checking the text, so
/// no route that skips that check can compile anything.
/// </summary>
internal sealed class SandboxHost : Host
{
    private bool _compilationAnnounced;

    /// <summary>The realm's own EvalError, kept before a script can replace the global.</summary>
    public ErrorConstructor? EvalError { get; set; }

    /// <summary>Runs <paramref name="compile"/> with one compilation allowed; the permission never outlives the call.</summary>
    public T Compile<T>(Func<T> compile)
    {
        _compilationAnnounced = true;
        try
        {
            return compile();
        }
        finally
        {
            _compilationAnnounced = false;
        }
    }

    public override void EnsureCanCompileStrings(Realm callerRealm, Realm evalRealm)
    {
        if (!_compilationAnnounced)
        {
            throw new JavaScriptException(EvalError ?? callerRealm.Intrinsics.Error,
                "Code built at run time is only accepted through eval() and Function() in script tasks");
        }

        // One announcement, one compilation: code the compiled text runs cannot reuse it.
        _compilationAnnounced = false;
    }
}
