namespace TnAcme.Cli.Commands;

/// <summary>The quick start `tnacme serve` prints for its embedded token authority: an account, grants, a token.</summary>
internal static class EmbeddedTokenAuthorityBanner
{
    public static string Text(TokenAuthority.TokenAuthority? ta, string dataDir) => ta is null ? string.Empty : $"""

          token authority:  {ta.Urls.Base}   (embedded STI-PA role; turn off with --no-token-authority)
            1. an account:  ./tnacme ta account create --data-dir {dataDir} --name "Carrier X"   (prints ID and API key once)
            2. grant it:    ./tnacme ta grant --data-dir {dataDir} --account ID --spc 1234   (or --tn 12025550100, --range 12025550100+100)
            3. a token:     ./tnacme token request --data-dir {dataDir} --token-authority {ta.Urls.Base} --ta-account ID --ta-key KEY --spc 1234 --fingerprint "SHA256 AA:BB:…"
                            (the fingerprint is your ACME account key's RFC 7638 thumbprint; answer the tkauth-01 challenge with the token)
        """;
}
