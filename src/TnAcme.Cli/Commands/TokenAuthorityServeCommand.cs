using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Hierarchy;
using TnAcme.Server;
using TnAcme.TokenAuthority;
using TnAcme.TokenAuthority.Http;

namespace TnAcme.Cli.Commands;

/// <summary>`token-authority serve`: the token authority on its own HTTPS origin, as a separate STI-PA would run.</summary>
internal static class TokenAuthorityServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "HTTPS address to listen on", DefaultValueFactory = _ => "https://127.0.0.1:9443" };
        var externalUrl = new Option<string?>("--external-url") { Description = "Base URL clients and CAs use, when it differs from --listen (behind a proxy)" };
        var lifetime = new Option<double>("--token-lifetime-hours") { Description = "Lifetime of issued tokens", DefaultValueFactory = _ => 24 };
        var command = new Command("serve", "Run the token authority (STI-PA role) on its own, with TLS from the data folder's development root")
        {
            listen, externalUrl, lifetime,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            if (!Uri.TryCreate(result.GetValue(listen), UriKind.Absolute, out Uri? listenUri) || listenUri.Scheme != Uri.UriSchemeHttps)
            {
                return CliOutput.Error(json, ExitCodes.Usage, "--listen must be an https:// URL with a host and port");
            }

            if (listenUri.Host != "localhost" && !System.Net.IPAddress.TryParse(listenUri.Host.Trim('[', ']'), out _))
            {
                return CliOutput.Error(json, ExitCodes.Usage, "--listen names an IP address or localhost to bind; give a DNS name with --external-url");
            }

            CaDataFolder folder = CliOptions.Folder(result);
            TokenAuthority.TokenAuthority ta;
            X509Certificate2 tls;
            try
            {
                // The TLS certificate comes from the development root, as `tnacme serve`'s does; make one if missing.
                if (!folder.Exists)
                {
                    await CaKeyStores.Hierarchy.InitializeAsync(folder, new HierarchySettings(), new SignerSettings(), cancellationToken);
                }

                tls = DevelopmentTls.Ensure(folder, [listenUri.Host]);
                ta = await TokenAuthority.TokenAuthority.OpenAsync(new TokenAuthorityOptions
                {
                    Directory = TaState.Directory(result),
                    BaseUri = new Uri(result.GetValue(externalUrl) ?? listenUri.GetLeftPart(UriPartial.Authority)),
                    TokenLifetime = TimeSpan.FromHours(result.GetValue(lifetime)),
                }, cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
            {
                return CliOutput.Error(json, ExitCodes.State, e.Message);
            }

            using (ta)
            using (tls)
            {
                TokenAuthorityHost host;
                try
                {
                    host = await TokenAuthorityHost.StartAsync(ta, listenUri, tls, cancellationToken: cancellationToken);
                }
                catch (IOException e)
                {
                    return CliOutput.Error(json, ExitCodes.Failure, $"cannot listen on {listenUri}: {e.Message}");
                }

                await using (host)
                {
                    Console.Out.WriteLine(TokenAuthorityServeBanner.Text(ta, TaState.Directory(result), folder.RootCertificatePath, CliOptions.Folder(result).Root));
                    await host.WaitForShutdownAsync(cancellationToken);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
