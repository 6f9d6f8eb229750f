namespace TnAcme.Validation.Callback;

/// <summary>
/// tn-callback-01's abuse limits and offer (configuration "Server:Challenges:TnCallback"). The code sent over voice
/// or SMS is short, so the guessing budget is kept small: few attempts, a short life, few deliveries, and rate limits
/// per number and per account; some numbers are never called at all (toll fraud).
/// </summary>
public sealed record TnCallbackOptions
{
    public static readonly IReadOnlyList<string> KnownChannels = ["voice", "sms"];

    /// <summary>Off unless an operator turns it on and configures a delivery.</summary>
    public bool Enabled { get; set; }

    /// <summary>"webhook" (a telephony provider) or "outbox" (development: a file the operator reads).</summary>
    public string Delivery { get; set; } = "outbox";

    /// <summary>The outbox file; default: callback-outbox.jsonl in the data folder.</summary>
    public string? OutboxPath { get; set; }

    public WebhookOptions Webhook { get; set; } = new();

    // Lists are null by default and defaulted when read: the configuration binder appends to an array that already
    // has elements, so a default in the initializer could never be replaced by configuration.

    /// <summary>Channels offered in the challenge object ("voice", "sms"), as far as the delivery carries them; default both.</summary>
    public string[]? Channels { get; set; }

    public IReadOnlyList<string> EffectiveChannels => Channels is { Length: > 0 } c ? c : ["sms", "voice"];

    /// <summary>Digits of the code sent to the number (token-part1); 6 to 12.</summary>
    public int CodeDigits { get; set; } = 8;

    /// <summary>How long a delivered code can be answered.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a possession-proven authorization stays valid (and reusable by new orders of the account). Short:
    /// numbers change hands, SIMs get swapped; re-proving is cheap.
    /// </summary>
    public TimeSpan AuthorizationLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Responses per challenge, right or wrong; the last wrong one makes the challenge invalid.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Deliveries (calls or messages) per authorization.</summary>
    public int MaxDeliveriesPerAuthorization { get; set; } = 3;

    /// <summary>The shortest wait between two deliveries for one challenge.</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries to one number, by anyone, within <see cref="NumberWindow"/>.</summary>
    public int MaxDeliveriesPerNumber { get; set; } = 5;

    public TimeSpan NumberWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Deliveries requested by one account, to any number, within <see cref="AccountWindow"/>.</summary>
    public int MaxDeliveriesPerAccount { get; set; } = 20;

    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Number prefixes (E.164 digits, country code first) that are never called: premium rate, shared cost. Default: 1900, 1976.</summary>
    public string[]? DeniedPrefixes { get; set; }

    public IReadOnlyList<string> EffectiveDeniedPrefixes => DeniedPrefixes ?? ["1900", "1976"];

    /// <summary>Numbers shorter than this are short codes or service numbers and are never called.</summary>
    public int MinimumNumberDigits { get; set; } = 8;

    /// <summary>Checks the values an operator can get wrong; returns the problems (empty when fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (EffectiveChannels.Any(c => !KnownChannels.Contains(c)))
        {
            problems.Add("TnCallback.Channels must list \"voice\" and/or \"sms\"");
        }

        Check(CodeDigits is >= 6 and <= 12, "TnCallback.CodeDigits must be 6 to 12");
        Check(CodeLifetime > TimeSpan.Zero && CodeLifetime <= TimeSpan.FromHours(1), "TnCallback.CodeLifetime must be positive and at most one hour");
        Check(AuthorizationLifetime >= TimeSpan.FromMinutes(5) && AuthorizationLifetime <= TimeSpan.FromDays(1), "TnCallback.AuthorizationLifetime must be 5 minutes to 1 day");
        Check(MaxAttempts is >= 1 and <= 10, "TnCallback.MaxAttempts must be 1 to 10");
        Check(MaxDeliveriesPerAuthorization is >= 1 and <= 10, "TnCallback.MaxDeliveriesPerAuthorization must be 1 to 10");
        Check(ResendInterval >= TimeSpan.Zero, "TnCallback.ResendInterval must not be negative");
        Check(MaxDeliveriesPerNumber >= 1 && NumberWindow > TimeSpan.Zero, "TnCallback.MaxDeliveriesPerNumber must be at least 1 in a positive NumberWindow");
        Check(MaxDeliveriesPerAccount >= 1 && AccountWindow > TimeSpan.Zero, "TnCallback.MaxDeliveriesPerAccount must be at least 1 in a positive AccountWindow");
        Check(Delivery is "webhook" or "outbox", "TnCallback.Delivery must be \"webhook\" or \"outbox\"");
        Check(EffectiveDeniedPrefixes.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)), "TnCallback.DeniedPrefixes are digits, e.g. \"1900\"");
        Check(MinimumNumberDigits is >= 1 and <= 15, "TnCallback.MinimumNumberDigits must be 1 to 15");
        return problems;

        void Check(bool ok, string message)
        {
            if (!ok)
            {
                problems.Add(message);
            }
        }
    }
}
