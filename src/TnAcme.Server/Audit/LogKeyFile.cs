using TnAcme.Log.Notes;

namespace TnAcme.Server.Audit;

/// <summary>
/// The log's own Ed25519 signing key, apart from every CA key: generated on first start in the data folder
/// (log/log-signer.key, mode 0600) in the signed-note signer key format. Its name is the log's origin, fixed then.
/// </summary>
public static class LogKeyFile
{
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "log", "log-signer.key");

    public static async Task<NoteKey> LoadOrCreateAsync(string dataDirectory, string origin, CancellationToken ct)
    {
        string path = PathIn(dataDirectory);
        if (File.Exists(path))
        {
            return NoteKey.ParseSignerKey(await File.ReadAllTextAsync(path, ct));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        NoteKey key = NoteKey.Generate(origin);
        string temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(temp, options))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(key.SignerKey + "\n");
        }

        // Atomic: a crash never leaves half a key, and a second start never makes a second one.
        File.Move(temp, path, overwrite: false);
        return key;
    }
}
