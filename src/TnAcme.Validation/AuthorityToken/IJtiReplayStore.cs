namespace TnAcme.Validation.AuthorityToken;

/// <summary>Remembers which token ids have been used, so a token is accepted once (RFC 9447 §4 <c>jti</c>).</summary>
public interface IJtiReplayStore
{
    /// <summary>
    /// Records (<paramref name="issuerKey"/>, <paramref name="jti"/>) atomically. Returns false when that pair is
    /// already recorded and has not expired. The entry may be forgotten after <paramref name="expiresAt"/>: the token
    /// is refused as expired from then on.
    /// </summary>
    Task<bool> TryRecordAsync(string issuerKey, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
