namespace TnAcme.TokenAuthority;

/// <summary>The on-disk layout of a token authority's state; keys and the grants file are 0600, the folder 0700.</summary>
public sealed class TokenAuthorityFolder
{
    public TokenAuthorityFolder(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string RootCertificatePath => Path.Combine(Root, "root.crt.pem");

    public string RootKeyPath => Path.Combine(Root, "root.key.pem");

    public string SignerCertificatePath => Path.Combine(Root, "signer.crt.pem");

    public string SignerKeyPath => Path.Combine(Root, "signer.key.pem");

    public string GrantsPath => Path.Combine(Root, "grants.json");

    /// <summary>Serial numbers of token-signing certificates the operator withdrew (listed on the CRL).</summary>
    public string RevokedSignersPath => Path.Combine(Root, "revoked-signers.json");

    /// <summary>Held exclusively while state is changed, so the CLI and a running server never write over each other.</summary>
    public string LockPath => Path.Combine(Root, ".lock");

    public void EnsureExists()
    {
        Directory.CreateDirectory(Root);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
