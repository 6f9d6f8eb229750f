using System.Text;
using System.Text.Json;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Protocol;
using TnAcme.Acme.Stores;

namespace TnAcme.Acme.Handlers;

/// <summary>newAccount, account update and deactivation, keyChange, the orders list (RFC 8555 §7.3, §7.1.2.1).</summary>
public sealed class AccountHandlers
{
    private readonly AcmeContext _c;

    public AccountHandlers(AcmeContext context) => _c = context;

    public async Task<AcmeResponse> NewAccountAsync(AuthenticatedRequest request, CancellationToken ct)
    {
        JsonElement payload = request.PayloadObject();
        JsonWebKey key = request.Key;
        Account? existing = await _c.Accounts.FindByThumbprintAsync(key.ThumbprintBase64Url, ct);
        if (existing is not null)
        {
            if (existing.Status != AccountStatus.Valid)
            {
                throw new AcmeProblemException(AcmeProblem.Unauthorized($"the account for this key is {StatusNames.Of(existing.Status)}", 401));
            }

            return AcmeResponse.FromJson(_c.Writer.Account(existing), 200, _c.Urls.Account(existing.Id));
        }

        if (Payload.Bool(payload, "onlyReturnExisting") == true)
        {
            throw new AcmeProblemException(new AcmeProblem { Type = AcmeErrorType.AccountDoesNotExist, Detail = "no account exists for this key" });
        }

        bool agreed = Payload.Bool(payload, "termsOfServiceAgreed") ?? false;
        if (_c.Options.TermsOfService is not null && !agreed)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed($"you must agree to the terms of service ({_c.Options.TermsOfService}): set \"termsOfServiceAgreed\": true"));
        }

        IReadOnlyList<string> contact = ContactPolicy.Check(Payload.Strings(payload, "contact", ContactPolicy.MaxContacts) ?? []);
        string? eabKeyId = null;
        string? eabJson = null;
        if (payload.TryGetProperty("externalAccountBinding", out JsonElement eab) && eab.ValueKind != JsonValueKind.Null)
        {
            string kid = PeekKid(eab);
            ExternalAccountKey? macKey = await _c.ExternalAccountKeys.GetAsync(kid, ct);
            eabKeyId = ExternalAccountBinding.Verify(eab, request.Jws.Url, key, k => k == kid ? macKey?.HmacKey : null);
            if (macKey!.BoundAccountId is not null)
            {
                throw new AcmeProblemException(AcmeProblem.Unauthorized("this external account binding key has already been used"));
            }

            eabJson = eab.GetRawText();
        }
        else if (_c.Options.ExternalAccountRequired)
        {
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = AcmeErrorType.ExternalAccountRequired,
                Detail = "this CA requires external account binding: ask the CA operator for a key id and HMAC key ('tnacme eab create')",
                Status = 403,
            });
        }

        var account = new Account
        {
            Id = Ids.New(),
            KeyJwk = key.CanonicalJson,
            KeyThumbprint = key.ThumbprintBase64Url,
            Contact = contact,
            TermsOfServiceAgreed = agreed,
            ExternalAccountBinding = eabJson,
            EabKeyId = eabKeyId,
            CreatedAt = _c.Now,
        };
        AccountCreation created = await _c.Accounts.CreateAsync(account, ct);
        return created.Outcome switch
        {
            AccountCreationOutcome.Created => AcmeResponse.FromJson(_c.Writer.Account(account), 201, _c.Urls.Account(account.Id)),
            AccountCreationOutcome.ExistingKey => AcmeResponse.FromJson(_c.Writer.Account(created.Account!), 200, _c.Urls.Account(created.Account!.Id)),
            AccountCreationOutcome.ExternalAccountKeyAlreadyBound => throw new AcmeProblemException(AcmeProblem.Unauthorized("this external account binding key has already been used")),
            _ => throw new AcmeProblemException(AcmeProblem.Unauthorized("unknown external account binding key id")),
        };
    }

    /// <summary>The EAB's kid, read before verification only to find the MAC key; Verify re-checks everything.</summary>
    private static string PeekKid(JsonElement eab)
    {
        try
        {
            string protectedB64 = eab.GetProperty("protected").GetString() ?? string.Empty;
            using JsonDocument header = JsonDocument.Parse(Stir.Base64Url.Decode(protectedB64));
            return header.RootElement.GetProperty("kid").GetString() ?? throw new KeyNotFoundException();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException or Stir.StirDecodeException)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("externalAccountBinding must be a flattened JWS whose protected header names a \"kid\""));
        }
    }

    public async Task<AcmeResponse> AccountAsync(AuthenticatedRequest request, string accountId, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        if (account.Id != accountId)
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("the request is signed by another account"));
        }

        if (request.IsPostAsGet)
        {
            return AcmeResponse.FromJson(_c.Writer.Account(account));
        }

        JsonElement payload = request.PayloadObject();
        Account updated = account;
        string? status = Payload.String(payload, "status");
        if (status is not null)
        {
            if (status != "deactivated")
            {
                throw new AcmeProblemException(AcmeProblem.Malformed("an account's status can only be changed to \"deactivated\""));
            }

            updated = updated with { Status = AccountStatus.Deactivated };
        }

        if (Payload.Strings(payload, "contact", ContactPolicy.MaxContacts) is { } contact)
        {
            updated = updated with { Contact = ContactPolicy.Check(contact) };
        }

        await _c.Accounts.UpdateAsync(updated, ct);
        return AcmeResponse.FromJson(_c.Writer.Account(updated));
    }

    public async Task<AcmeResponse> KeyChangeAsync(AuthenticatedRequest request, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        JsonWebKey newKey = KeyChangeRequest.Verify(request.Jws, request.Key);
        KeyChangeResult result = await _c.Accounts.ChangeKeyAsync(account.Id, newKey.CanonicalJson, newKey.ThumbprintBase64Url, ct);
        if (!result.Changed)
        {
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = AcmeErrorType.Malformed,
                Detail = "another account already uses the new key",
                Status = 409,
                Location = result.ConflictingAccountId is null ? null : _c.Urls.Account(result.ConflictingAccountId),
            });
        }

        return AcmeResponse.FromJson(_c.Writer.Account(account with { KeyJwk = newKey.CanonicalJson, KeyThumbprint = newKey.ThumbprintBase64Url }));
    }

    public async Task<AcmeResponse> OrdersAsync(AuthenticatedRequest request, string accountId, string? cursor, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        if (account.Id != accountId)
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("the request is signed by another account"));
        }

        OrderPage page = await _c.Orders.ListByAccountAsync(accountId, cursor, _c.Options.OrdersPageSize, ct);
        var response = AcmeResponse.FromJson(_c.Writer.OrdersList(page.OrderIds));
        if (page.NextCursor is not null)
        {
            response.Links.Add((_c.Urls.AccountOrders(accountId) + "?cursor=" + Uri.EscapeDataString(page.NextCursor), "next"));
        }

        return response;
    }

    internal static string Utf8(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
