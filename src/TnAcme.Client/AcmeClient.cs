using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Acme;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Client.Resources;
using TnAcme.Client.Transport;

namespace TnAcme.Client;

/// <summary>
/// An RFC 8555 client for a TnAcme (or any TNAuthList-capable) ACME server: the directory, accounts, and revocation
/// by certificate key. Account-bound work (orders, issuance, key change) goes through the <see cref="AcmeAccount"/>
/// that <see cref="RegisterAsync"/>, <see cref="FindAccountAsync"/> or <see cref="ForAccount"/> return.
/// </summary>
/// <remarks>
/// Every response's Replay-Nonce feeds a pool, so a request needs a newNonce round trip only when the pool is
/// empty; a badNonce refusal is retried exactly once. Thread-safe for concurrent requests.
/// </remarks>
public sealed class AcmeClient : IDisposable
{
    private AcmeClient(AcmeTransport transport) => Transport = transport;

    public Uri DirectoryUrl => Transport.Options.DirectoryUrl;

    public AcmeDirectory Directory => Transport.Directory;

    internal AcmeTransport Transport { get; }

    /// <summary>Fetches the directory and returns a client ready to use it.</summary>
    public static async Task<AcmeClient> ConnectAsync(AcmeClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transport = new AcmeTransport(options);
        try
        {
            transport.Report($"reading the ACME directory {options.DirectoryUrl}");
            await transport.LoadDirectoryAsync(cancellationToken);
            return new AcmeClient(transport);
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates an account for <paramref name="key"/> (RFC 8555 §7.3), binding it to the external account when
    /// credentials are given (§7.3.4). If the key already has an account the server returns that one, unchanged
    /// (<see cref="AcmeAccount.Created"/> is then false).
    /// </summary>
    public async Task<AcmeAccount> RegisterAsync(JwsSigner key, AccountRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(registration);
        var payload = new JsonObject();
        if (registration.TermsOfServiceAgreed)
        {
            payload["termsOfServiceAgreed"] = true;
        }

        if (registration.Contact.Count > 0)
        {
            payload["contact"] = new JsonArray([.. registration.Contact.Select(c => (JsonNode?)c)]);
        }

        if (registration.ExternalAccount is { } eab)
        {
            payload["externalAccountBinding"] = JsonNode.Parse(ExternalAccountBinding.Create(eab.KeyId, eab.HmacKey, Directory.NewAccount, key.PublicKey));
        }

        Transport.Report("registering the account");
        AcmeReply reply = await Transport.PostAsync(Directory.NewAccount, Payloads.Utf8(payload), key, kid: null, cancellationToken);
        return AccountFrom(reply, key);
    }

    /// <summary>The account <paramref name="key"/> already has (newAccount with onlyReturnExisting, RFC 8555 §7.3.1).</summary>
    /// <exception cref="AcmeClientException">accountDoesNotExist when the key has none.</exception>
    public async Task<AcmeAccount> FindAccountAsync(JwsSigner key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        AcmeReply reply = await Transport.PostAsync(Directory.NewAccount, Payloads.Utf8(new JsonObject { ["onlyReturnExisting"] = true }), key, kid: null, cancellationToken);
        return AccountFrom(reply, key);
    }

    /// <summary>An account known from earlier (its URL saved); no request is made until it is used.</summary>
    public AcmeAccount ForAccount(JwsSigner key, string accountUrl)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(accountUrl);
        return new AcmeAccount(this, key, accountUrl, resource: null, created: false);
    }

    /// <summary>
    /// Revokes a certificate by proving possession of its key (RFC 8555 §7.6: JWS with <c>jwk</c>, no account).
    /// </summary>
    /// <exception cref="AcmeClientException">alreadyRevoked, badRevocationReason, unauthorized, …</exception>
    public async Task RevokeWithCertificateKeyAsync(X509Certificate2 certificate, JwsSigner certificateKey, RevocationReason? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificateKey);
        Transport.Report($"revoking {certificate.SerialNumber} with the certificate's own key");
        await Transport.PostAsync(Directory.RevokeCert, Payloads.Revocation(certificate, reason), certificateKey, kid: null, cancellationToken);
    }

    private AcmeAccount AccountFrom(AcmeReply reply, JwsSigner key)
    {
        if (string.IsNullOrEmpty(reply.Location))
        {
            throw new AcmeClientException(
                new AcmeProblem { Type = ProblemDocument.AboutBlank, Detail = "newAccount answered without a Location (the account URL)", Status = reply.Status },
                Directory.NewAccount);
        }

        AccountResource resource = reply.Read(ClientJson.Default.AccountResource, reply.Location);
        return new AcmeAccount(this, key, reply.Location, resource, created: reply.Status == 201);
    }

    public void Dispose() => Transport.Dispose();
}
