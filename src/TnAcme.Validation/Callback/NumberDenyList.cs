namespace TnAcme.Validation.Callback;

/// <summary>Numbers that are never called or messaged: configured prefixes (premium rate), short codes, non-digits.</summary>
internal sealed class NumberDenyList
{
    private readonly string[] _prefixes;
    private readonly int _minimumDigits;

    public NumberDenyList(IEnumerable<string> prefixes, int minimumDigits)
    {
        _prefixes = prefixes.OrderByDescending(p => p.Length).ToArray();
        _minimumDigits = minimumDigits;
    }

    /// <summary>Why the number is never called, or null.</summary>
    public string? Reason(string number)
    {
        if (number.AsSpan().IndexOfAnyExcept("0123456789") >= 0)
        {
            return "it holds '*' or '#' (a service code, not a subscriber number)";
        }

        if (number.Length < _minimumDigits)
        {
            return $"it has fewer than {_minimumDigits} digits (a short code)";
        }

        foreach (string prefix in _prefixes)
        {
            if (number.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"it starts with the deny-listed prefix {prefix} (premium rate or similar)";
            }
        }

        return null;
    }
}
