using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TnAcme.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReuseIndexOnValidAuthorizations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_authorizations_AccountId_IdentifierType_IdentifierValue_Sta~",
                table: "authorizations");

            migrationBuilder.CreateIndex(
                name: "IX_authorizations_AccountId_IdentifierType_IdentifierValue_Exp~",
                table: "authorizations",
                columns: new[] { "AccountId", "IdentifierType", "IdentifierValue", "Expires" },
                filter: "\"Status\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_authorizations_AccountId_IdentifierType_IdentifierValue_Exp~",
                table: "authorizations");

            migrationBuilder.CreateIndex(
                name: "IX_authorizations_AccountId_IdentifierType_IdentifierValue_Sta~",
                table: "authorizations",
                columns: new[] { "AccountId", "IdentifierType", "IdentifierValue", "Status" });
        }
    }
}
