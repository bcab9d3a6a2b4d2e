using System.Security.Cryptography;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// On a store where nobody can sign in (no user has a password), creates the first administrator
/// (<c>Security:Admin:User</c>, in <c>admins</c>) with <c>Security:Admin:Password</c>, or with a random password that
/// is logged once and written to <c>admin-password.txt</c> next to the database, readable by its owner only.
/// The built-in groups are registered on every start.
/// </summary>
public sealed class FirstAdministrator(IEngineStore store, Passwords passwords, TimeProvider clock, IOptions<SecurityOptions> options, ILogger<FirstAdministrator> logger)
    : IHostedService
{
    public const string PasswordFileName = "admin-password.txt";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var group in BuiltInGroups.All)
        {
            await store.AddParticipantAsync(new ParticipantRecord(ParticipantKinds.Group, group, null, now), cancellationToken);
        }

        if (await store.CountUsersWithPasswordAsync(cancellationToken) > 0)
        {
            return;
        }

        var admin = options.Value.Admin;
        var user = string.IsNullOrWhiteSpace(admin.User) ? "admin" : admin.User.Trim();
        var generated = string.IsNullOrEmpty(admin.Password);
        var password = generated ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_') : admin.Password!;
        var hash = passwords.Hash(password);
        var stamp = Passwords.NewStamp();
        if (!await store.AddUserAsync(new ParticipantRecord(ParticipantKinds.User, user, "Administrator", now), hash, stamp, [BuiltInGroups.Admins], cancellationToken))
        {
            // A user of that name was registered before sign-in existed: it becomes the administrator.
            await store.SetPasswordHashAsync(user, hash, stamp, cancellationToken);
            var groups = (await store.GetUserAccountAsync(user, cancellationToken))?.Groups ?? [];
            await store.SetUserGroupsAsync(user, groups.Append(BuiltInGroups.Admins).ToList(), now, cancellationToken);
        }

        if (!generated)
        {
            logger.LogInformation("Created the first administrator '{User}' with the configured password (Security:Admin:Password).", user);
            return;
        }

        var file = PasswordFile();
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created readable by its owner only, so the password is never readable by others, not even for a moment.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(new FileStream(file, fileOptions)))
        {
            await writer.WriteLineAsync(password.AsMemory(), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file; an old one would keep its mode otherwise.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        logger.LogWarning("Created the first administrator '{User}' with the generated password {Password} (also in {File}, readable by its owner only). Sign in and change it.",
            user, password, file);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Next to the database file.</summary>
    private string PasswordFile() =>
        Path.Combine(Path.GetDirectoryName((store as SqliteEngineStore)?.DatabasePath ?? Path.GetFullPath("data/x")) ?? ".", PasswordFileName);
}
