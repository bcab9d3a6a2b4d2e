using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// Checks a settings section at start-up with its own <c>Problem()</c>, so a server with a setting that makes no
/// sense (a denied network that is no network, no slot for any call) refuses to start and says which setting is wrong.
/// </summary>
internal sealed class SettingsValidation<T>(Func<T, string?> problem) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        string? found;
        try
        {
            found = problem(options);
        }
        catch (FormatException ex)
        {
            found = ex.Message;
        }

        return found is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
