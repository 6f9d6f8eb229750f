using TnAcme.Stir;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>What the token must match: the challenged identifier and the requesting account's key.</summary>
public sealed class AuthorityTokenExpectation
{
    public const int ThumbprintLength = 32;

    private readonly byte[] _thumbprint;

    /// <param name="tnAuthList">The TNAuthList of the identifier being challenged.</param>
    /// <param name="accountKeyThumbprint">RFC 7638 SHA-256 thumbprint of the ACME account key (32 bytes).</param>
    public AuthorityTokenExpectation(TnAuthList tnAuthList, ReadOnlySpan<byte> accountKeyThumbprint)
    {
        ArgumentNullException.ThrowIfNull(tnAuthList);
        if (accountKeyThumbprint.Length != ThumbprintLength)
        {
            throw new ArgumentException($"an RFC 7638 SHA-256 thumbprint is {ThumbprintLength} bytes", nameof(accountKeyThumbprint));
        }

        TnAuthList = tnAuthList;
        _thumbprint = accountKeyThumbprint.ToArray();
    }

    public TnAuthList TnAuthList { get; }

    public ReadOnlySpan<byte> AccountKeyThumbprint => _thumbprint;
}
