using TnAcme.Acme.Issuance;
using TnAcme.Acme.Problems;
using TnAcme.Stir;

namespace TnAcme.Acme.Policy;

/// <summary>
/// The registration authority's rules for what may be ordered: TNAuthList identifiers only (RFC 9448 §3),
/// strictly encoded, one per order; the profile asked for (draft-ietf-acme-profiles) or the one the content implies.
/// </summary>
public sealed class OrderPolicy
{
    public const string ShakenProfile = "shaken-sp";
    public const string NumbersProfile = "tn-shortlived";

    private readonly ICertificateAuthority _ca;

    public OrderPolicy(ICertificateAuthority ca) => _ca = ca;

    /// <summary>Checks the identifiers and returns the decoded TNAuthList.</summary>
    public static TnAuthList CheckIdentifiers(IReadOnlyList<AcmeIdentifier> identifiers)
    {
        if (identifiers.Count == 0)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("an order needs at least one identifier"));
        }

        var problems = new List<AcmeProblem>();
        TnAuthList? list = null;
        foreach (AcmeIdentifier id in identifiers)
        {
            if (id.Type != TnAuthListIdentifier.IdentifierType)
            {
                problems.Add(new AcmeProblem
                {
                    Type = AcmeErrorType.UnsupportedIdentifier,
                    Detail = $"identifier type '{id.Type}' is not supported here; this CA issues only for TNAuthList identifiers (RFC 9448)",
                    Identifier = id,
                });
                continue;
            }

            try
            {
                list = TnAuthListIdentifier.Decode(id.Value);
            }
            catch (StirDecodeException e)
            {
                problems.Add(new AcmeProblem
                {
                    Type = AcmeErrorType.Malformed,
                    Detail = $"TNAuthList identifier value is not base64url (no padding) of a DER TNAuthList: {e.Message}",
                    Identifier = id,
                });
            }
        }

        if (problems.Count > 0)
        {
            bool onlyUnsupported = problems.TrueForAll(p => p.Type == AcmeErrorType.UnsupportedIdentifier);
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = onlyUnsupported ? AcmeErrorType.RejectedIdentifier : AcmeErrorType.Malformed,
                Detail = problems.Count == 1 ? problems[0].Detail : $"{problems.Count} identifiers were refused",
                Subproblems = problems,
            });
        }

        if (identifiers.Count > 1)
        {
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = AcmeErrorType.RejectedIdentifier,
                Detail = "an order carries exactly one TNAuthList identifier (a certificate has one TNAuthList); put every entry in it, or order separately",
                Subproblems = identifiers.Skip(1).Select(i => new AcmeProblem { Type = AcmeErrorType.RejectedIdentifier, Detail = "one TNAuthList identifier per order", Identifier = i }).ToList(),
            });
        }

        return list!;
    }

    /// <summary>The profile named by the client, or the default for the content: one SPC → shaken-sp; numbers → tn-shortlived.</summary>
    public string ChooseProfile(string? requested, TnAuthList list)
    {
        if (requested is not null)
        {
            if (!_ca.Profiles.ContainsKey(requested))
            {
                throw new AcmeProblemException(new AcmeProblem
                {
                    Type = AcmeErrorType.InvalidProfile,
                    Detail = $"no profile '{requested}'; offered: {string.Join(", ", _ca.Profiles.Keys)}",
                });
            }

            return requested;
        }

        if (list.Entries.Length == 1 && list.IsSpcOnly)
        {
            return ShakenProfile;
        }

        if (list.Entries.Any(e => e is SpcEntry))
        {
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = AcmeErrorType.RejectedIdentifier,
                Detail = "a TNAuthList mixing SPCs with numbers, or naming several SPCs, fits no default profile; name one with the order's \"profile\"",
            });
        }

        return NumbersProfile;
    }

    public void CheckValidity(string profile, DateTimeOffset? notBefore, DateTimeOffset? notAfter, DateTimeOffset now)
    {
        if (notBefore is { } nb && notAfter is { } na && na <= nb)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("notAfter must be after notBefore"));
        }

        if (notAfter is { } end && end <= now)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("notAfter is in the past"));
        }

        TimeSpan max = _ca.MaximumValidity(profile);
        DateTimeOffset start = notBefore ?? now;
        if (notAfter is { } last && last - start > max)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed($"profile '{profile}' issues for at most {max.TotalHours:0.#} hours; the requested validity is longer"));
        }

        if (notBefore is { } first && first > now + max)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("notBefore is too far in the future"));
        }
    }
}
