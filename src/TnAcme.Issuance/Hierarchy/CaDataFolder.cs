using System.Text.Json;
using System.Text.Json.Serialization;

namespace TnAcme.Issuance.Hierarchy;

/// <summary>
/// The on-disk layout of a CA's state. Keys are written owner-read/write only (0600) and the folders 0700; the
/// layout is documented in docs/operations.md.
/// </summary>
public sealed class CaDataFolder
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public CaDataFolder(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string CaDirectory => Path.Combine(Root, "ca");

    public string RootCertificatePath => Path.Combine(CaDirectory, "root.crt.pem");

    public string RootKeyPath => Path.Combine(CaDirectory, "root.key.pem");

    public string IssuingCertificatePath => Path.Combine(CaDirectory, "issuing.crt.pem");

    public string IssuingKeyPath => Path.Combine(CaDirectory, "issuing.key.pem");

    public string SignerSettingsPath => Path.Combine(CaDirectory, "ca.json");

    public string RevocationsPath => Path.Combine(CaDirectory, "revocations.json");

    public string IssuedDirectory => Path.Combine(Root, "issued");

    public bool Exists => File.Exists(IssuingCertificatePath);

    /// <summary>
    /// The documented default: $TNACME_DATA_DIR, else $XDG_DATA_HOME/tnacme, else ~/.local/share/tnacme.
    /// </summary>
    public static string DefaultPath()
    {
        string? explicitDir = Environment.GetEnvironmentVariable("TNACME_DATA_DIR");
        if (!string.IsNullOrEmpty(explicitDir))
        {
            return explicitDir;
        }

        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "tnacme");
    }

    public void EnsureDirectories()
    {
        foreach (string dir in new[] { Root, CaDirectory, IssuedDirectory })
        {
            Directory.CreateDirectory(dir);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    /// <summary>Writes a secret so that it is never, even briefly, readable by others: created 0600, then renamed.</summary>
    public static void WriteSecret(string path, string contents)
    {
        string temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Writes a public file atomically (write, fsync, rename) so a crash leaves the old or the new.</summary>
    public static void WriteAtomically(string path, string contents)
    {
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    public SignerSettings ReadSignerSettings() =>
        File.Exists(SignerSettingsPath)
            ? JsonSerializer.Deserialize<SignerSettings>(File.ReadAllText(SignerSettingsPath), Json) ?? new SignerSettings()
            : new SignerSettings();

    public void WriteSignerSettings(SignerSettings settings) =>
        WriteAtomically(SignerSettingsPath, JsonSerializer.Serialize(settings, Json));
}
