using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TnAcme.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DropUnusedCertificateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_certificates_NotAfter",
                table: "certificates");

            migrationBuilder.DropIndex(
                name: "IX_certificates_OrderId",
                table: "certificates");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_certificates_NotAfter",
                table: "certificates",
                column: "NotAfter");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_OrderId",
                table: "certificates",
                column: "OrderId");
        }
    }
}
