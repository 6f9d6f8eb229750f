using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TnAcme.Stir;

namespace TnAcme.Cli.Client;

/// <summary>
/// The numbers to order, as repeatable <c>--spc</c>, <c>--tn</c> and <c>--range</c> options, or one exact
/// <c>--tnauthlist</c>. Entries keep their command-line order: the TNAuthList is a DER SEQUENCE, so order is part of
/// its identity, and it must match the TNAuthList of a token obtained for it.
/// </summary>
internal static class TnAuthListOptions
{
    public static readonly Option<string[]> Spc = new("--spc") { HelpName = "CODE", Description = "Service provider code (SHAKEN OCN/SPID), e.g. 1234; repeatable" };

    public static readonly Option<string[]> Tn = new("--tn") { HelpName = "NUMBER", Description = "Telephone number, digits only (E.164 without +), e.g. 12025550100; repeatable" };

    public static readonly Option<string[]> Range = new("--range") { HelpName = "START+COUNT", Description = "Number range START+COUNT, e.g. 12025550100+100; repeatable" };

    public static readonly Option<string?> Exact = new("--tnauthlist") { HelpName = "BASE64URL", Description = "The whole TNAuthList as an ACME identifier value (base64url DER), e.g. from a token's tkvalue" };

    public static IEnumerable<Option> All => [Spc, Tn, Range, Exact];

    /// <summary>The TNAuthList the command line names, or null when it names none.</summary>
    public static TnAuthList? Build(ParseResult result)
    {
        var entries = new List<TnEntry>();
        IReadOnlyList<Token> tokens = result.Tokens;
        for (int i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Type != TokenType.Option)
            {
                continue;
            }

            string value = tokens[i + 1].Value;
            try
            {
                switch (tokens[i].Value)
                {
                    case "--spc":
                        entries.Add(TnEntry.OfSpc(value));
                        break;
                    case "--tn":
                        entries.Add(TnEntry.OfNumber(value.TrimStart('+')));
                        break;
                    case "--range":
                        entries.Add(ParseRange(value));
                        break;
                }
            }
            catch (Exception e) when (e is StirDecodeException or ArgumentException or FormatException or OverflowException)
            {
                throw ClientFailure.InvalidInput($"{tokens[i].Value} {value}: {e.Message}");
            }
        }

        if (result.GetValue(Exact) is { } exact)
        {
            if (entries.Count > 0)
            {
                throw ClientFailure.Usage("--tnauthlist names the whole list; do not combine it with --spc, --tn or --range");
            }

            try
            {
                return TnAuthListIdentifier.DecodeTolerant(exact);
            }
            catch (StirDecodeException e)
            {
                throw ClientFailure.InvalidInput($"--tnauthlist: {e.Message}");
            }
        }

        return entries.Count == 0 ? null : TnAuthList.Create(entries);
    }

    private static TnEntry ParseRange(string text)
    {
        int plus = text.LastIndexOf('+');
        if (plus <= 0 || !long.TryParse(text.AsSpan(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long count))
        {
            throw new FormatException("a range is START+COUNT, e.g. 12025550100+100");
        }

        return TnEntry.OfRange(text[..plus].TrimStart('+'), count);
    }
}
