using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Stir;
using N = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Checks;

/// <summary>
/// Standards digest §8.3: the canonical orig.tn must lie in the signing certificate's TNAuthList (one = exact,
/// range = same length and within start..start+count-1) and in the TNAuthList of every CA above it that has one.
/// An SPC names numbers only indirectly, so a list of SPCs alone cannot show the number: that is reported as
/// <see cref="PassportCheckOutcome.NotCheckable"/>, not as a failure and not as a pass.
/// </summary>
internal static class OrigCheck
{
    private const int ShownEntries = 8;

    public static PassportCheck Run(ParsedPassport p, X509Certificate2 leaf, IReadOnlyList<CaScope> caPath)
    {
        if (p.Payload["orig"] is not JsonObject orig || ParsedPassport.StringMember(orig, "tn") is not { } raw)
        {
            return PassportCheck.Fail(N.Orig, "orig has no tn; a TNAuthList can only authorize telephone numbers");
        }

        if (!TnCanonicalizer.TryCanonicalize(raw, out string? canonical, out string? reason))
        {
            return PassportCheck.Fail(N.Orig, $"orig.tn is not a telephone number: {reason}");
        }

        string shown = canonical == raw ? canonical! : $"{canonical} (canonical form of \"{raw}\")";
        TelephoneNumber.TryParse(canonical, out TelephoneNumber? tn);

        X509Extension? ext = leaf.Extensions[StirOids.TnAuthList];
        if (ext is null)
        {
            return PassportCheck.Fail(N.Orig, HasTnListReference(leaf)
                ? "the certificate gives its TNAuthList by reference (AIA id-ad-stirTNList), which this verifier does not fetch"
                : "the certificate has no TNAuthList extension, so it authorizes no telephone number");
        }

        if (!TnAuthList.TryDecode(ext.RawData, out TnAuthList? list, out StirDecodeException? error))
        {
            return PassportCheck.Fail(N.Orig, $"the certificate's TNAuthList cannot be decoded: {error!.Message}");
        }

        PassportCheck leafResult = Against(list!, tn, shown, "the certificate's TNAuthList");
        if (leafResult.Outcome == PassportCheckOutcome.Failed)
        {
            return leafResult;
        }

        var notes = new List<string>();
        foreach (CaScope ca in caPath)
        {
            if (ca.DecodeError is not null)
            {
                return PassportCheck.Fail(N.Orig, $"the TNAuthList of CA certificate {ca.Subject} cannot be decoded: {ca.DecodeError}");
            }

            if (ca.TnAuthList is null)
            {
                continue;
            }

            PassportCheck caResult = Against(ca.TnAuthList, tn, shown, $"the TNAuthList of CA certificate {ca.Subject}");
            if (caResult.Outcome == PassportCheckOutcome.Failed)
            {
                return caResult;
            }

            notes.Add(caResult.Outcome == PassportCheckOutcome.Passed
                ? $"also within CA {ca.Subject}"
                : $"CA {ca.Subject} limits by SPC, which the certificates cannot show to cover orig");
        }

        return notes.Count == 0 ? leafResult : leafResult with { Message = leafResult.Message + "; " + string.Join("; ", notes) };
    }

    private static PassportCheck Against(TnAuthList list, TelephoneNumber? tn, string shown, string whose)
    {
        TnCoverage coverage = TnCoverage.Of(list);
        if (tn is not null && coverage.Contains(tn))
        {
            return PassportCheck.Pass(N.Orig, $"orig {shown} is in {whose} [{Show(list)}]");
        }

        string[] spcs = [.. list.ServiceProviderCodes.Select(s => s.Value)];
        if (list.IsSpcOnly)
        {
            return new PassportCheck(N.Orig, PassportCheckOutcome.NotCheckable,
                $"SPC-only certificate (SPC {string.Join(", ", spcs)}): orig not checkable against the certificate; orig {shown} is NOT verified by it");
        }

        if (spcs.Length > 0)
        {
            return new PassportCheck(N.Orig, PassportCheckOutcome.NotCheckable,
                $"orig {shown} is not among the numbers in {whose} [{Show(list)}]; its SPC entries (SPC {string.Join(", ", spcs)}) may cover it, which the certificate alone cannot show: orig is NOT verified");
        }

        return PassportCheck.Fail(N.Orig, $"orig {shown} is not in {whose} [{Show(list)}]");
    }

    private static string Show(TnAuthList list) =>
        list.Entries.Length <= ShownEntries
            ? string.Join(", ", list.Entries)
            : string.Join(", ", list.Entries.Take(ShownEntries)) + $", … ({list.Entries.Length} entries)";

    private static bool HasTnListReference(X509Certificate2 leaf) =>
        leaf.Extensions.OfType<X509AuthorityInformationAccessExtension>()
            .Any(aia => aia.EnumerateUris(StirOids.StirTnListAccessMethod).Any());
}
