using System.Net;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>Contract §9's first administrator, on a new store.</summary>
public sealed class FirstAdministratorTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task NewStore_NoPasswordConfigured_RandomPasswordInAnOwnerOnlyFile_ThatSignsIn()
    {
        // Arrange
        using var directory = new TestDirectory("first-admin");
        var database = directory.File("data/server.db");
        using var server = new ServerFactory(databasePath: database, settings: new Dictionary<string, string> { ["Security:Admin:Password"] = string.Empty });

        // Act
        using var configured = await server.CreateClient().GetAsync("/me");
        var file = Path.Combine(Path.GetDirectoryName(database)!, "admin-password.txt");
        var password = (await File.ReadAllTextAsync(file)).Trim();
        using var generated = await server.ClientAs("admin", password).GetAsync("/me");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, configured.StatusCode);
        Assert.True(password.Length >= 20, password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var me = await server.HalAs("admin", password).GetAsync("/me");
        Assert.Equal(["admins"], me.Property("groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task StoreWithUsers_Restarted_KeepsTheirPasswords_AndMakesNoOtherAdmin()
    {
        // Arrange
        using var directory = new TestDirectory("first-admin-restart");
        var database = directory.File("server.db");
        using (var first = new ServerFactory(databasePath: database))
        {
            await IdentityTestUsers.AddAsync(first, "ann");
        }

        // Act
        using var second = new ServerFactory(databasePath: database, settings: new Dictionary<string, string> { ["Security:Admin:User"] = "root", ["Security:Admin:Password"] = "other-password" });
        using var ann = await second.ClientAs("ann", IdentityTestUsers.Password).GetAsync("/me");
        using var root = await second.ClientAs("root", "other-password").GetAsync("/me");

        // Assert
        Assert.Equal(HttpStatusCode.OK, ann.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, root.StatusCode);
        Assert.False(File.Exists(directory.File("admin-password.txt")));
    }
}
