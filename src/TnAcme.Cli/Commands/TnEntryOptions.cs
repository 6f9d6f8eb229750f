using System.CommandLine;
using TnAcme.Stir;
using TnAcme.TokenAuthority.Grants;

namespace TnAcme.Cli.Commands;

/// <summary>
/// The repeatable --spc, --tn and --range options that name TNAuthList entries. Entries come out SPCs first, then
/// ranges, then numbers, each in command-line order: a TNAuthList is compared by DER, so a given set of options must
/// always give the same list.
/// </summary>
internal sealed class TnEntryOptions
{
    public Option<string[]> Spc { get; } = new("--spc") { Description = "Service provider code (OCN), e.g. 1234; repeatable" };

    public Option<string[]> Tn { get; } = new("--tn") { Description = "Telephone number, e.g. 12025550100; repeatable" };

    public Option<string[]> Range { get; } = new("--range") { Description = "Number range START+COUNT, e.g. 12025550100+100 (…0100 to …0199); repeatable" };

    public void AddTo(Command command)
    {
        command.Options.Add(Spc);
        command.Options.Add(Tn);
        command.Options.Add(Range);
    }

    /// <summary>Throws <see cref="StirDecodeException"/> for a malformed value.</summary>
    public List<TnEntry> Read(ParseResult result) =>
    [
        .. (result.GetValue(Spc) ?? []).Select(TnEntry.OfSpc),
        .. (result.GetValue(Range) ?? []).Select(GrantSyntax.ParseRange),
        .. (result.GetValue(Tn) ?? []).Select(TnEntry.OfNumber),
    ];
}
