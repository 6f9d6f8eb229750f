namespace TnAcme.Server.Tests;

// The integration suite, once per storage backend: every class here runs the same tests against a real server whose
// database is SQLite (the embedded default) or PostgreSQL (started by scripts/test).
[Collection(ServerCollection.Name)]
public sealed class IssuanceFlowOnSqlite(ServerFixture f) : IssuanceFlowTests(f);

[Collection(PostgresServerCollection.Name)]
public sealed class IssuanceFlowOnPostgres(PostgresServerFixture f) : IssuanceFlowTests(f);

[Collection(ServerCollection.Name)]
public sealed class FinalizeAndRevocationOnSqlite(ServerFixture f) : FinalizeAndRevocationTests(f);

[Collection(PostgresServerCollection.Name)]
public sealed class FinalizeAndRevocationOnPostgres(PostgresServerFixture f) : FinalizeAndRevocationTests(f);

[Collection(ServerCollection.Name)]
public sealed class AuthorityTokenChallengeOnSqlite(ServerFixture f) : AuthorityTokenChallengeTests(f);

[Collection(PostgresServerCollection.Name)]
public sealed class AuthorityTokenChallengeOnPostgres(PostgresServerFixture f) : AuthorityTokenChallengeTests(f);

[Collection(ServerCollection.Name)]
public sealed class AccountManagementOnSqlite(ServerFixture f) : AccountManagementTests(f);

[Collection(PostgresServerCollection.Name)]
public sealed class AccountManagementOnPostgres(PostgresServerFixture f) : AccountManagementTests(f);

[Collection(ServerCollection.Name)]
public sealed class RequestAuthenticationOnSqlite(ServerFixture f) : RequestAuthenticationTests(f);

[Collection(PostgresServerCollection.Name)]
public sealed class RequestAuthenticationOnPostgres(PostgresServerFixture f) : RequestAuthenticationTests(f);

[Collection(ServerCollection.Name)]
public sealed class StoreOperationsOnSqlite(ServerFixture f) : StoreOperationsTests(f);

[Collection(PostgresServerCollection.Name)]
public sealed class StoreOperationsOnPostgres(PostgresServerFixture f) : StoreOperationsTests(f);
