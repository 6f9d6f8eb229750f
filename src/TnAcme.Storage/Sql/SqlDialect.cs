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

    /// <summary>
    /// A FROM clause joining each order row <c>o</c> to one row <c>j</c> per element of its authorization id array (the
    /// JSON text in "AuthorizationIdsJson"), the element as <c>j."value"</c>; an order without elements keeps its row.
    /// SQLite's by default.
    /// </summary>
    public string OrderAuthorizationIds { get; init; } = """
        "orders" o LEFT JOIN json_each(o."AuthorizationIdsJson") j
        """;
}
