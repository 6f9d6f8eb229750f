using System.Runtime.InteropServices;
using TnAcme.Issuance.Signing;
using TnAcme.Issuance.Tests.Support;
using TnAcme.Testing;

namespace TnAcme.Issuance.Tests.Signing;

/// <summary>
/// A private SoftHSM2 for one test run: a temporary directory holding softhsm2.conf and the token store,
/// SOFTHSM2_CONF pointing at it (set for this process before the module is ever loaded, because SoftHSM2
/// reads it in C_Initialize), one token initialized by softhsm2-util, and one P-256 key generated in it.
/// Missing SoftHSM2 is a failure, not a skip: CI installs it.
/// </summary>
public sealed class SoftHsmFixture : IDisposable
{
    public const string TokenLabel = "tnacme-test";
    public const string UserPin = "1234";
    public const string SoPin = "5678";
    public const string KeyLabel = "tnacme-test-ca";

    private const string ConfVariable = "SOFTHSM2_CONF";
    private const string InstallHint = "Install SoftHSM2 (Debian/Ubuntu: apt-get install softhsm2).";

    private static readonly string[] ModuleCandidates =
    [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib64/pkcs11/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so",
        "/opt/homebrew/lib/softhsm/libsofthsm2.so",
    ];

    private readonly string? _previousConf;

    public SoftHsmFixture()
    {
        var util = ExternalTool.Require("softhsm2-util", InstallHint);
        LibraryPath = FindModule();

        Root = Directory.CreateTempSubdirectory("tnacme-softhsm-").FullName;
        var tokens = Directory.CreateDirectory(Path.Combine(Root, "tokens")).FullName;
        ConfPath = Path.Combine(Root, "softhsm2.conf");
        File.WriteAllText(ConfPath, $"""
            directories.tokendir = {tokens}
            objectstore.backend = file
            log.level = ERROR
            slots.removable = false

            """);

        _previousConf = Environment.GetEnvironmentVariable(ConfVariable);
        SetProcessEnvironment(ConfVariable, ConfPath);
        try
        {
            var (exit, stdout, stderr) = ExternalTool.Run(
                util,
                ["--init-token", "--free", "--label", TokenLabel, "--pin", UserPin, "--so-pin", SoPin],
                new Dictionary<string, string> { [ConfVariable] = ConfPath });
            if (exit != 0)
            {
                throw new InvalidOperationException($"softhsm2-util --init-token failed (exit {exit}): {stdout} {stderr}");
            }

            Key = Pkcs11Signer.GenerateKeyPair(Options());
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The SoftHSM2 PKCS#11 module (override with TNACME_SOFTHSM2_MODULE).</summary>
    public string LibraryPath { get; }

    /// <summary>Temporary directory holding softhsm2.conf and tokens/.</summary>
    public string Root { get; }

    public string ConfPath { get; }

    /// <summary>The key generated in the token for the run, labelled <see cref="KeyLabel"/>.</summary>
    public Pkcs11KeyPairInfo Key { get; }

    public Pkcs11SignerOptions Options(string keyLabel = KeyLabel, string pin = UserPin) => new()
    {
        LibraryPath = LibraryPath,
        TokenLabel = TokenLabel,
        Pin = pin,
        KeyLabel = keyLabel,
    };

    public void Dispose()
    {
        SetProcessEnvironment(ConfVariable, _previousConf);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing the run for.
        }
    }

    /// <summary>
    /// Sets an environment variable where native code sees it. On Unix, Environment.SetEnvironmentVariable
    /// only changes .NET's own copy (seen by managed code and child processes), not the C environ that
    /// SoftHSM2's getenv("SOFTHSM2_CONF") reads, so libc's setenv/unsetenv is called as well.
    /// </summary>
    private static void SetProcessEnvironment(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var rc = value is null ? NativeMethods.unsetenv(name) : NativeMethods.setenv(name, value, 1);
        if (rc != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private static string FindModule()
    {
        var overridden = Environment.GetEnvironmentVariable("TNACME_SOFTHSM2_MODULE");
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(overridden)
                ? overridden
                : throw new InvalidOperationException($"TNACME_SOFTHSM2_MODULE names '{overridden}', which does not exist.");
        }

        return ModuleCandidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"The SoftHSM2 PKCS#11 module was not found (looked in {string.Join(", ", ModuleCandidates)}). {InstallHint} "
                + "Or set TNACME_SOFTHSM2_MODULE to its path.");
    }
}

internal static class NativeMethods
{
    // DllImport rather than LibraryImport: the generated marshalling needs AllowUnsafeBlocks in the project.
    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "unsetenv", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int unsetenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}

/// <summary>All tests touching SoftHSM2 share one token and run one after another: a PKCS#11 module is
/// initialized once per process and its login state is process-wide.</summary>
[CollectionDefinition(Name)]
public sealed class SoftHsmCollection : ICollectionFixture<SoftHsmFixture>
{
    public const string Name = "SoftHSM2";
}
