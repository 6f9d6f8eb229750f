using TnAcme.Storage.Sql;
using TnAcme.Storage.Stores;

namespace TnAcme.Storage.Tests;

/// <summary>SQLite's plans for the issuance path's statements that depend on how they are written.</summary>
public sealed class QueryPlanTests : MigratedSqliteDatabase
{
    [Fact]
    public async Task Reuse_seeks_the_partial_index_of_valid_authorizations_and_needs_no_sort()
    {
        IReadOnlyList<string> plan = await PlanAsync(EfAuthorizationStore.Reusable, "acct", "TNAuthList", "MAigBhYEMTIzNA", 0L);

        Assert.Contains(plan, step => step.Contains("SEARCH authorizations USING INDEX IX_authorizations_AccountId_IdentifierType_IdentifierValue_Expires", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<string>> PlanAsync(string sql, params object?[] values)
    {
        await using SqlSession session = await Db.Sql.LeaseAsync(CancellationToken.None);
        return await session.ListAsync("EXPLAIN QUERY PLAN " + sql, r => r.GetString(3), CancellationToken.None, values);
    }
}
