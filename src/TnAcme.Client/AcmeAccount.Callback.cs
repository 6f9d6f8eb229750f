using System.Text.Json.Nodes;
using TnAcme.Acme.Problems;
using TnAcme.Client.Callback;
using TnAcme.Client.Resources;
using TnAcme.Client.Transport;
using TnAcme.Stir;

namespace TnAcme.Client;

/// <summary>tn-callback-01 (docs/challenges/tn-callback-01.md): have the CA send a code to the number, answer with it.</summary>
public sealed partial class AcmeAccount
{
    /// <summary>
    /// Proves every pending authorization of <paramref name="order"/> with tn-callback-01: asks the CA to deliver the
    /// code over <see cref="CallbackProof.Channel"/>, gets it from <see cref="CallbackProof.Codes"/>, answers, and waits
    /// for the outcome. A person who mistyped may try again while the CA allows; a command is asked once.
    /// </summary>
    public async Task<AcmeOrder> AuthorizeByCallbackAsync(AcmeOrder order, CallbackProof proof, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(proof);
        foreach (string authorizationUrl in order.Resource.Authorizations)
        {
            await AuthorizeOneByCallbackAsync(authorizationUrl, proof, cancellationToken);
        }

        return await WaitUntilNotPendingAsync(order, cancellationToken);
    }

    /// <summary>Asks the CA to send the code (POST <c>{"channel": …}</c>); the challenge stays pending.</summary>
    public async Task<ChallengeResource> RequestCallbackAsync(string challengeUrl, string channel, CancellationToken cancellationToken = default)
    {
        Transport.Report($"asking the CA to send the code by {channel}");
        AcmeReply reply = await Transport.PostAsync(challengeUrl, Payloads.Utf8(new JsonObject { ["channel"] = channel }), Key, Url, cancellationToken);
        return reply.Read(ClientJson.Default.ChallengeResource, challengeUrl);
    }

    /// <summary>Answers with the code received (POST <c>{"response": …}</c>).</summary>
    /// <exception cref="AcmeClientException">incorrectResponse (wrong or expired code) while attempts remain.</exception>
    public async Task<ChallengeResource> AnswerCallbackAsync(ChallengeResource challenge, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        string response = CallbackResponse.Compute(code, challenge.Token ?? string.Empty, Key.PublicKey);
        Transport.Report("answering the tn-callback-01 challenge");
        AcmeReply reply = await Transport.PostAsync(challenge.Url, Payloads.Utf8(new JsonObject { ["response"] = response }), Key, Url, cancellationToken);
        return reply.Read(ClientJson.Default.ChallengeResource, challenge.Url);
    }

    private async Task AuthorizeOneByCallbackAsync(string authorizationUrl, CallbackProof proof, CancellationToken ct)
    {
        AuthorizationResource authorization = await GetAuthorizationAsync(authorizationUrl, ct);
        if (authorization.Status == AcmeStatus.Valid)
        {
            Transport.Report("the account already holds a valid authorization for this number; no code needed");
            return;
        }

        if (authorization.Status != AcmeStatus.Pending)
        {
            throw new AcmeClientException(FailedAuthorization(authorization, $"the authorization is {authorization.Status}"), authorizationUrl);
        }

        ChallengeResource challenge = authorization.Challenges.FirstOrDefault(c => c.Type == ChallengeResource.TnCallback01)
            ?? throw new AcmeClientException(Synthesized($"the server offers no tn-callback-01 challenge for these numbers (offered: {string.Join(", ", authorization.Challenges.Select(c => c.Type))}); it proves exactly one number", 400), authorizationUrl);
        if (challenge.Channels is { } channels && !channels.Contains(proof.Channel))
        {
            throw new AcmeClientException(Synthesized($"the server does not deliver by {proof.Channel}; it offers {string.Join(", ", channels)}", 400), challenge.Url);
        }

        string number = NumberOf(authorization);
        await RequestCallbackAsync(challenge.Url, proof.Channel, ct);
        string? previousError = null;
        while (true)
        {
            Transport.Report($"waiting for the code sent by {proof.Channel} to {number} ({proof.Codes.Description})");
            string code = await proof.Codes.GetCodeAsync(new CallbackCodeRequest(number, proof.Channel, previousError), ct);
            try
            {
                await AnswerCallbackAsync(challenge, code, ct);
                break;
            }
            catch (AcmeClientException e) when (e.Is(AcmeErrorType.IncorrectResponse) && proof.Codes.CanRetry)
            {
                previousError = e.Detail;
            }
            catch (CallbackCodeException e) when (proof.Codes.CanRetry)
            {
                previousError = e.Message;
            }
        }

        AcmeReply reply = await Transport.Poller.UntilAsync(
            await PostAsGetAsync(authorizationUrl, ct),
            r => r.ResourceStatus is not (AcmeStatus.Pending or AcmeStatus.Processing),
            token => PostAsGetAsync(authorizationUrl, token),
            "waiting for the CA to check the code",
            ct);
        if (reply.ResourceStatus != AcmeStatus.Valid)
        {
            AuthorizationResource failed = await GetAuthorizationAsync(authorizationUrl, ct);
            throw new AcmeClientException(FailedAuthorization(failed, "the CA did not accept the code"), authorizationUrl);
        }
    }

    private static string NumberOf(AuthorizationResource authorization)
    {
        TnAuthList list = TnAuthListIdentifier.Decode(authorization.Identifier?.Value ?? string.Empty);
        return list.Entries is [OneEntry one] ? one.Number.Value : list.ToString();
    }
}
