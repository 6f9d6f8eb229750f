using System.Net.Mail;
using TnAcme.Acme.Problems;

namespace TnAcme.Acme.Handlers;

/// <summary>RFC 8555 §7.3: mailto contacts, one address each, no hfields.</summary>
internal static class ContactPolicy
{
    public const int MaxContacts = 10;

    public static IReadOnlyList<string> Check(IReadOnlyList<string> contacts)
    {
        foreach (string contact in contacts)
        {
            if (!contact.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                throw new AcmeProblemException(new AcmeProblem { Type = AcmeErrorType.UnsupportedContact, Detail = $"contact '{contact}' is not a mailto: URL; only mailto is supported" });
            }

            string address = contact["mailto:".Length..];
            if (address.Contains('?', StringComparison.Ordinal) || address.Contains(',', StringComparison.Ordinal) || address.Contains('%', StringComparison.Ordinal)
                || !MailAddress.TryCreate(address, out MailAddress? parsed) || parsed.Address != address || !address.Contains('.', StringComparison.Ordinal))
            {
                throw new AcmeProblemException(new AcmeProblem { Type = AcmeErrorType.InvalidContact, Detail = $"contact '{contact}' is not a single plain e-mail address" });
            }
        }

        return contacts;
    }
}
