using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Acme;
using TnAcme.Acme.Jose;
using TnAcme.Client.Resources;
using TnAcme.Client.Transport;

namespace TnAcme.Client;

/// <summary>
/// An ACME account in use: its URL and current key, and the account operations (RFC 8555 §7.3): refresh, contact
/// update, key rollover, deactivation, revocation. Orders and issuance are in the other part of this class.
/// </summary>
/// <remarks>The <see cref="JwsSigner"/> does not own its key: the caller keeps it alive and disposes it.</remarks>
public sealed partial class AcmeAccount
{
    private readonly AcmeClient _client;

    internal AcmeAccount(AcmeClient client, JwsSigner key, string url, AccountResource? resource, bool created)
    {
        _client = client;
        Key = key;
        Url = url;
        Resource = resource;
        Created = created;
    }

    /// <summary>The account URL: the <c>kid</c> of every request.</summary>
    public string Url { get; }

    /// <summary>The account key; replaced by <see cref="ChangeKeyAsync"/>.</summary>
    public JwsSigner Key { get; private set; }

    /// <summary>The account object as last seen; null until fetched for an account resumed with <see cref="AcmeClient.ForAccount"/>.</summary>
    public AccountResource? Resource { get; private set; }

    /// <summary>Whether newAccount created it (201) rather than finding it (200).</summary>
    public bool Created { get; }

    /// <summary>What Authority Tokens for this account must carry as <c>atc.fingerprint</c>: "SHA256 AA:BB:…".</summary>
    public string Fingerprint => AccountFingerprint.Format(Key.PublicKey.Thumbprint());

    private AcmeTransport Transport => _client.Transport;

    private AcmeDirectory Directory => _client.Directory;

    /// <summary>Fetches the account object (POST-as-GET).</summary>
    public async Task<AccountResource> RefreshAsync(CancellationToken cancellationToken = default) =>
        await UpdateAsync(ReadOnlyMemory<byte>.Empty, cancellationToken);

    /// <summary>Replaces the contact URLs (RFC 8555 §7.3.2); an empty list removes them all.</summary>
    public async Task<AccountResource> UpdateContactAsync(IEnumerable<string> contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var payload = new JsonObject { ["contact"] = new JsonArray([.. contact.Select(c => (JsonNode?)c)]) };
        Transport.Report("updating the account's contacts");
        return await UpdateAsync(Payloads.Utf8(payload), cancellationToken);
    }

    /// <summary>
    /// Rolls the account over to <paramref name="newKey"/> (RFC 8555 §7.3.5). On success <see cref="Key"/> is the new
    /// key; the old one no longer works. A key already held by another account is refused (409 with its Location).
    /// </summary>
    public async Task ChangeKeyAsync(JwsSigner newKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        string inner = KeyChangeRequest.Create(newKey, Url, Key.PublicKey, Directory.KeyChange);
        Transport.Report("changing the account key");
        await Transport.PostAsync(Directory.KeyChange, System.Text.Encoding.UTF8.GetBytes(inner), Key, Url, cancellationToken);
        Key = newKey;
    }

    /// <summary>Deactivates the account for good (RFC 8555 §7.3.6); its certificates stay valid.</summary>
    public async Task<AccountResource> DeactivateAsync(CancellationToken cancellationToken = default)
    {
        Transport.Report("deactivating the account");
        return await UpdateAsync(Payloads.Utf8(new JsonObject { ["status"] = AcmeStatus.Deactivated }), cancellationToken);
    }

    /// <summary>Revokes a certificate this account holds, or holds authorizations for (RFC 8555 §7.6).</summary>
    /// <exception cref="AcmeClientException">alreadyRevoked, badRevocationReason, unauthorized, …</exception>
    public async Task RevokeAsync(X509Certificate2 certificate, RevocationReason? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Transport.Report($"revoking {certificate.SerialNumber}");
        await Transport.PostAsync(Directory.RevokeCert, Payloads.Revocation(certificate, reason), Key, Url, cancellationToken);
    }

    /// <summary>The URLs of the account's orders (RFC 8555 §7.1.2.1), following <c>rel="next"</c> pages up to <paramref name="maxPages"/>.</summary>
    public async Task<IReadOnlyList<string>> ListOrdersAsync(int maxPages = 10, CancellationToken cancellationToken = default)
    {
        string? next = (Resource ?? await RefreshAsync(cancellationToken)).Orders;
        var orders = new List<string>();
        for (int page = 0; next is not null && page < maxPages; page++)
        {
            AcmeReply reply = await Transport.PostAsync(next, ReadOnlyMemory<byte>.Empty, Key, Url, cancellationToken);
            JsonNode? list = JsonNode.Parse(reply.Body)?["orders"];
            orders.AddRange(list is JsonArray array ? array.Select(o => o?.GetValue<string>()).OfType<string>() : []);
            next = LinkHeader.Targets(reply.Links, "next").FirstOrDefault();
        }

        return orders;
    }

    private async Task<AccountResource> UpdateAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        AcmeReply reply = await Transport.PostAsync(Url, payload, Key, Url, cancellationToken);
        Resource = reply.Read(ClientJson.Default.AccountResource, Url);
        return Resource;
    }
}
