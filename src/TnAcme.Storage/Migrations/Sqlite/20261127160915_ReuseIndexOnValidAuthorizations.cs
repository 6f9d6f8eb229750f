using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TnAcme.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReuseIndexOnValidAuthorizations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_authorizations_AccountId_IdentifierType_IdentifierValue_Status",
                table: "authorizations");

            migrationBuilder.CreateIndex(
                name: "IX_authorizations_AccountId_IdentifierType_IdentifierValue_Expires",
                table: "authorizations",
                columns: new[] { "AccountId", "IdentifierType", "IdentifierValue", "Expires" },
                filter: "\"Status\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_authorizations_AccountId_IdentifierType_IdentifierValue_Expires",
                table: "authorizations");

            migrationBuilder.CreateIndex(
                name: "IX_authorizations_AccountId_IdentifierType_IdentifierValue_Status",
                table: "authorizations",
                columns: new[] { "AccountId", "IdentifierType", "IdentifierValue", "Status" });
        }
    }
}
