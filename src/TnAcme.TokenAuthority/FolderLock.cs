namespace TnAcme.TokenAuthority;

/// <summary>
/// An exclusive advisory lock on the state folder. .NET takes a flock(2) for FileShare.None on Unix, which holds
/// across processes (the CLI granting while `tnacme serve` runs) and across handles in one process.
/// </summary>
internal static class FolderLock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<IDisposable> AcquireAsync(TokenAuthorityFolder folder, CancellationToken ct)
    {
        folder.EnsureExists();
        DateTime deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                return new FileStream(folder.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new IOException($"{folder.LockPath} stayed locked for {Timeout.TotalSeconds} s; another tnacme process is changing the token authority", e);
                }

                await Task.Delay(50, ct);
            }
        }
    }
}
