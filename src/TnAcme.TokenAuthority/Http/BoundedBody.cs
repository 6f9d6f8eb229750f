using Microsoft.AspNetCore.Http;

namespace TnAcme.TokenAuthority.Http;

/// <summary>Reads a request body up to a limit, so an unauthenticated client cannot make the server buffer megabytes.</summary>
internal static class BoundedBody
{
    /// <summary>The body, or null when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
