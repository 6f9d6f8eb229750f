using TnAcme.TokenAuthority;

namespace TnAcme.Cli.Commands;

/// <summary>What an operator needs to use a running token authority, printed at start.</summary>
internal static class TokenAuthorityServeBanner
{
    public static string Text(TokenAuthority.TokenAuthority ta, string taDirectory, string tlsRoot, string dataDir) => $"""
        TnAcme token authority (STI-PA role) is serving.
          token endpoint:   {ta.Urls.Token("ACCOUNT")}   (POST, Authorization: Bearer API-KEY)
          x5u (signer):     {ta.Urls.Certificate}
          CRL:              {ta.Urls.Crl}
          trust anchor:     {Path.Combine(taDirectory, "root.crt.pem")}   (a CA trusts it: tnacme serve --trust-token-authority FILE)
          TLS root:         {tlsRoot}   (a CA on another origin: --x5u-tls-root FILE --allow-x5u-host {ta.Urls.HostPort})
          accounts:         tnacme ta account create --data-dir {dataDir} --name "Carrier X"
                            tnacme ta grant --data-dir {dataDir} --account ID --spc 1234
        Stop with Ctrl-C.
        """;
}
