using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TnAcme.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    KeyThumbprint = table.Column<string>(type: "text", nullable: false),
                    KeyJwk = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ContactJson = table.Column<string>(type: "text", nullable: false),
                    TermsOfServiceAgreed = table.Column<bool>(type: "boolean", nullable: false),
                    ExternalAccountBinding = table.Column<string>(type: "text", nullable: true),
                    EabKeyId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "authorizations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    IdentifierType = table.Column<string>(type: "text", nullable: false),
                    IdentifierValue = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Expires = table.Column<long>(type: "bigint", nullable: false),
                    ChallengesJson = table.Column<string>(type: "text", nullable: false),
                    GrantedCa = table.Column<bool>(type: "boolean", nullable: false),
                    ProofExpires = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_authorizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    Serial = table.Column<string>(type: "text", nullable: false),
                    Profile = table.Column<string>(type: "text", nullable: false),
                    TbsDer = table.Column<byte[]>(type: "bytea", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: true),
                    OrderId = table.Column<string>(type: "text", nullable: true),
                    Der = table.Column<byte[]>(type: "bytea", nullable: true),
                    ChainPem = table.Column<string>(type: "text", nullable: true),
                    TnAuthListDer = table.Column<byte[]>(type: "bytea", nullable: true),
                    NotBefore = table.Column<long>(type: "bigint", nullable: true),
                    NotAfter = table.Column<long>(type: "bigint", nullable: true),
                    IntentAt = table.Column<long>(type: "bigint", nullable: false),
                    RevokedAt = table.Column<long>(type: "bigint", nullable: true),
                    RevocationReason = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates", x => x.Serial);
                });

            migrationBuilder.CreateTable(
                name: "external_account_keys",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    HmacKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    BoundAccountId = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_external_account_keys", x => x.KeyId);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Expires = table.Column<long>(type: "bigint", nullable: false),
                    IdentifiersJson = table.Column<string>(type: "text", nullable: false),
                    NotBefore = table.Column<long>(type: "bigint", nullable: true),
                    NotAfter = table.Column<long>(type: "bigint", nullable: true),
                    Profile = table.Column<string>(type: "text", nullable: false),
                    AuthorizationIdsJson = table.Column<string>(type: "text", nullable: false),
                    ErrorJson = table.Column<string>(type: "text", nullable: true),
                    CertificateSerial = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "replays",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false),
                    KeepUntil = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_replays", x => new { x.Scope, x.Value });
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_KeyThumbprint",
                table: "accounts",
                column: "KeyThumbprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_authorizations_AccountId_IdentifierType_IdentifierValue_Sta~",
                table: "authorizations",
                columns: new[] { "AccountId", "IdentifierType", "IdentifierValue", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_OrderId",
                table: "certificates",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_RevokedAt",
                table: "certificates",
                column: "RevokedAt");

            migrationBuilder.CreateIndex(
                name: "IX_orders_AccountId_CreatedAt",
                table: "orders",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_replays_KeepUntil",
                table: "replays",
                column: "KeepUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "authorizations");

            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "external_account_keys");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "replays");
        }
    }
}
