namespace TnAcme.Client.AuthorityTokens;

/// <summary>A token obtained beforehand (from the STI-PA's portal, say) and saved to a file; surrounding whitespace is ignored.</summary>
public sealed class FileAuthorityTokenSource : IAuthorityTokenSource
{
    private readonly string _path;

    public FileAuthorityTokenSource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    public string Description => $"token file {_path}";

    public async Task<string> GetTokenAsync(AuthorityTokenRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await File.ReadAllTextAsync(_path, cancellationToken)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuthorityTokenException($"cannot read the token file {_path}: {e.Message}", e);
        }
    }
}
