using System.Text;

namespace TnAcme.Client.State;

/// <summary>
/// Writes client state atomically (a temporary file in the same folder, then a rename), so a crash never leaves a
/// half-written key or chain; private keys are created 0600 from the first byte, never chmod-ed after the fact.
/// </summary>
public static class StateFiles
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static Task WritePrivateAsync(string path, string content, CancellationToken ct) => WriteAsync(path, content, Private, ct);

    public static Task WritePublicAsync(string path, string content, CancellationToken ct) => WriteAsync(path, content, Public, ct);

    /// <summary>Creates the folder (and parents) readable only by the owner, as it holds keys.</summary>
    public static void EnsurePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, PrivateDirectory);
        }
    }

    private static async Task WriteAsync(string path, string content, UnixFileMode mode, CancellationToken ct)
    {
        string full = Path.GetFullPath(path);
        EnsurePrivateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(content), ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
