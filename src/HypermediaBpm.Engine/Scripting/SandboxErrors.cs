using Jint.Native.Error;
using Jint.Runtime;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// The error constructors the sandbox's own checks throw with, taken from the realm when the interpreter is built:
/// a script may replace the globals, but its catch blocks still see real RangeErrors and SyntaxErrors.
/// </summary>
internal sealed record SandboxErrors(ErrorConstructor RangeError, ErrorConstructor SyntaxError)
{
    public JavaScriptException Range(string message) => new(RangeError, message);
}
