namespace TnAcme.Storage.Sql;

/// <summary>The few statements that differ between the databases the hot path speaks to.</summary>
public sealed record SqlDialect
{
    /// <summary>SQLite: writers already run one at a time (group commit), so nothing to add.</summary>
    public static readonly SqlDialect Sqlite = new();

    /// <summary>
    /// Run inside a write transaction before handing out the next log index; it holds until the transaction ends, so
    /// appends commit one after another. Null where writers are serialized anyway.
    /// </summary>
    public string? SerializeAppendsSql { get; init; }
}
