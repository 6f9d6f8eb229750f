namespace TnAcme.Storage.Entities;

/// <summary>One counted event of a sliding-window rate limit (e.g. a callback delivery to a number, by an account).</summary>
public sealed class RateEventEntity
{
    public long Id { get; set; }

    public required string Scope { get; set; }

    public required string Key { get; set; }

    public long At { get; set; }
}
