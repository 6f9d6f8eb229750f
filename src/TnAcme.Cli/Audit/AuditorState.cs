namespace TnAcme.Cli.Audit;

/// <summary>
/// What an auditor remembers between runs, per server: the pinned log verifier key and the last checkpoint it
/// verified. Both are public data; the folder exists so a later run can prove the log only ever grew.
/// </summary>
internal sealed class AuditorState
{
    private readonly string _folder;

    public AuditorState(string? stateDir, string serverBase)
    {
        string root = stateDir ?? Path.Combine(
            Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"),
            "tnacme", "audit");
        var uri = new Uri(serverBase);
        _folder = Path.Combine(root, $"{uri.Host}_{uri.Port}");
    }

    public string Folder => _folder;

    public string? PinnedKey => Read("log-key.txt");

    public string? LastCheckpoint => Read("checkpoint.txt");

    public void Pin(string verifierKey) => Write("log-key.txt", verifierKey.Trim() + "\n");

    public void Remember(string checkpoint) => Write("checkpoint.txt", checkpoint);

    private string? Read(string name)
    {
        string path = Path.Combine(_folder, name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, name), temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
