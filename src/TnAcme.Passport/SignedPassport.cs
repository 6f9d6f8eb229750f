namespace TnAcme.Passport;

/// <summary>A signed PASSporT: the compact JWS, the JSON that was signed, and its SIP Identity header form.</summary>
public sealed record SignedPassport(string Compact, string HeaderJson, string PayloadJson, Uri X5u, string? Ppt)
{
    /// <summary>RFC 8224 §4.1: <c>&lt;jws&gt;;info=&lt;x5u&gt;;alg=ES256;ppt=shaken</c>.</summary>
    public string IdentityHeader => Passport.IdentityHeader.Format(Compact, X5u, PassportSigner.Algorithm, Ppt);

    public override string ToString() => Compact;
}
