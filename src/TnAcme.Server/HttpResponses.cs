using Microsoft.AspNetCore.Http;
using TnAcme.Acme.Protocol;

namespace TnAcme.Server;

/// <summary>Copies an <see cref="AcmeResponse"/> onto HTTP, with the headers every ACME response carries.</summary>
internal static class HttpResponses
{
    public static async Task WriteAsync(HttpContext http, AcmeService acme, AcmeResponse response, bool withNonce = true)
    {
        HttpResponse r = http.Response;
        r.StatusCode = response.Status;
        if (withNonce)
        {
            // RFC 8555 §6.5: on every response, errors included, so a client can always retry.
            r.Headers["Replay-Nonce"] = acme.NewNonce();
            r.Headers.CacheControl = response.CacheControl ?? "no-store";
        }
        else if (response.CacheControl is not null)
        {
            r.Headers.CacheControl = response.CacheControl;
        }

        var links = new List<string>();
        if (response.LinkIndex)
        {
            links.Add($"<{acme.Urls.Directory}>;rel=\"index\"");
        }

        foreach (var (url, rel) in response.Links)
        {
            links.Add($"<{url}>;rel=\"{rel}\"");
        }

        if (links.Count > 0)
        {
            r.Headers.Link = links.ToArray();
        }

        if (response.Location is not null)
        {
            r.Headers.Location = response.Location;
        }

        if (response.RetryAfterSeconds is int retry)
        {
            r.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (response.ContentType is not null && !response.Body.IsEmpty)
        {
            r.ContentType = response.ContentType;
            r.ContentLength = response.Body.Length;
            await r.Body.WriteAsync(response.Body, http.RequestAborted);
        }
        else
        {
            r.ContentLength = 0;
        }
    }
}
