using System.Collections.Frozen;

namespace TnAcme.Acme.Validation;

/// <summary>The challenge types this server offers, by type name.</summary>
public sealed class ChallengeValidators
{
    private readonly FrozenDictionary<string, IChallengeValidator> _byType;

    public ChallengeValidators(IEnumerable<IChallengeValidator> validators)
    {
        All = validators.ToList();
        _byType = All.ToFrozenDictionary(v => v.Type, StringComparer.Ordinal);
    }

    public IReadOnlyList<IChallengeValidator> All { get; }

    public IChallengeValidator? this[string type] => _byType.GetValueOrDefault(type);

    public IEnumerable<IChallengeValidator> For(AcmeIdentifier identifier) => All.Where(v => v.Supports(identifier));
}
