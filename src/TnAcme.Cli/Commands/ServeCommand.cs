using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TnAcme.Server;

namespace TnAcme.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string?>("--listen") { Description = "HTTPS address to listen on (default https://127.0.0.1:8443)" };
        var externalUrl = new Option<string?>("--external-url") { Description = "Base URL clients use, when it differs from --listen (behind a proxy)" };
        var trust = new Option<string[]>("--trust-token-authority") { Description = "PEM trust anchor of a token authority (STI-PA); repeatable", AllowMultipleArgumentsPerToken = false };
        var allowX5u = new Option<string[]>("--allow-x5u-host") { Description = "host:port an x5u URL may name although it is loopback or private; repeatable" };
        var x5uRoots = new Option<string[]>("--x5u-tls-root") { Description = "PEM root trusted for the TLS of x5u hosts, beyond the system store; repeatable" };
        var noEab = new Option<bool>("--no-external-account-binding") { Description = "Let anyone create an account (development only; a SHAKEN CA requires EAB)" };
        var noTa = new Option<bool>("--no-token-authority") { Description = "Do not run the embedded development token authority (STI-PA role) under /sti-pa" };
        var command = new Command("serve", "Run the ACME server (HTTPS) on the CA in the data folder, creating a development hierarchy if there is none")
        {
            listen, externalUrl, trust, allowX5u, x5uRoots, noEab, noTa, ServerConfiguration.DatabaseProvider, ServerConfiguration.DatabaseConnection,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            string dataDir = CliOptions.Folder(result).Root;
            string configDir = CliOptions.ConfigDirectory(result);
            IConfigurationSection section = ServerConfiguration.Section(result);
            var acme = section.GetSection("Acme").Get<TnAcme.Acme.AcmeOptions>() ?? new TnAcme.Acme.AcmeOptions();
            if (result.GetValue(noEab))
            {
                acme = acme with { ExternalAccountRequired = false };
            }

            var options = new ServerOptions
            {
                DataDirectory = dataDir,
                ConfigDirectory = configDir,
                Listen = result.GetValue(listen) ?? section["Listen"] ?? "https://127.0.0.1:8443",
                ExternalBaseUrl = result.GetValue(externalUrl) ?? section["ExternalBaseUrl"],
                TrustedTokenAuthorities = [.. section.GetSection("TrustedTokenAuthorities").Get<string[]>() ?? [], .. result.GetValue(trust) ?? []],
                AllowedX5uHosts = [.. section.GetSection("AllowedX5uHosts").Get<string[]>() ?? [], .. result.GetValue(allowX5u) ?? []],
                X5uTlsRoots = [.. section.GetSection("X5uTlsRoots").Get<string[]>() ?? [], .. result.GetValue(x5uRoots) ?? []],
                Acme = acme,
                Challenges = section.GetSection("Challenges").Get<ChallengeOptions>() ?? new ChallengeOptions(),
                Database = ServerConfiguration.Database(result, section),
            };

            TnAcmeServer server;
            TnAcme.TokenAuthority.TokenAuthority? ta = null;
            try
            {
                // Embedded token authority: on by default for development, trusted by this CA (see EmbeddedTokenAuthority).
                if (!result.GetValue(noTa))
                {
                    (ta, options) = await EmbeddedTokenAuthority.OpenAsync(options, CaKeyStores.Hierarchy, cancellationToken);
                }

                server = await TnAcmeServer.StartAsync(
                    options,
                    CaKeyStores.Hierarchy,
                    extraTokenAuthorityAnchors: ta is null ? null : [ta.RootCertificate],
                    mapEndpoints: ta is null ? null : app => EmbeddedTokenAuthority.Map(app, ta),
                    logging: logs => logs.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning),
                    cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException)
            {
                ta?.Dispose();
                return CliOutput.Error(result.GetValue(CliOptions.Json), ExitCodes.State, e.Message);
            }

            using (ta)
            await using (server)
            {
                string root = Path.Combine(dataDir, "ca", "root.crt.pem");
                Console.Out.WriteLine($"""
                    TnAcme is serving ACME.
                      directory:        {server.DirectoryUrl}
                      CA bundle:        {root}   (trust it for HTTPS and for the STIR chain)
                      data folder:      {dataDir}
                      database:         {options.Database.Provider}
                      token authorities trusted: {(options.TrustedTokenAuthorities.Count == 0 ? (ta is null ? "none configured (--trust-token-authority ROOT.pem)" : "the embedded one") : string.Join(", ", options.TrustedTokenAuthorities))}{EmbeddedTokenAuthorityBanner.Text(ta, dataDir)}
                      challenges:       {ChallengesBanner(options)}
                      external account binding: {(acme.ExternalAccountRequired ? "required — create a key: ./tnacme eab create --data-dir " + dataDir + " --name \"Carrier X\"" : "not required")}
                    Stop with Ctrl-C.
                    """);
                await server.WaitForShutdownAsync(cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string ChallengesBanner(ServerOptions options)
    {
        var offered = new List<string>();
        if (options.Challenges.TkAuth.Enabled)
        {
            offered.Add("tkauth-01");
        }

        if (options.Challenges.TnCallback is { Enabled: true } callback)
        {
            offered.Add(callback.Delivery == "outbox"
                ? $"tn-callback-01 (development outbox: ./tnacme callback outbox --data-dir {options.DataDirectory})"
                : "tn-callback-01 (webhook)");
        }

        return string.Join(", ", offered);
    }
}
