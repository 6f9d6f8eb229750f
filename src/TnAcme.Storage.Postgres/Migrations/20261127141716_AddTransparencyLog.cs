using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TnAcme.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddTransparencyLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_access",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KeyId = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Method = table.Column<string>(type: "text", nullable: false),
                    Target = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Results = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_access", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "auditor_keys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    SecretHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    RevokedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auditor_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "log_checkpoints",
                columns: table => new
                {
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    RootHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_checkpoints", x => x.TreeSize);
                });

            migrationBuilder.CreateTable(
                name: "log_entries",
                columns: table => new
                {
                    LeafIndex = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Serial = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "text", nullable: false),
                    LoggedAt = table.Column<long>(type: "bigint", nullable: false),
                    Entry = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_entries", x => x.LeafIndex);
                });

            migrationBuilder.CreateTable(
                name: "log_leaves",
                columns: table => new
                {
                    LeafIndex = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_leaves", x => x.LeafIndex);
                });

            migrationBuilder.CreateTable(
                name: "log_numbers",
                columns: table => new
                {
                    Length = table.Column<int>(type: "integer", nullable: false),
                    SpanClass = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<long>(type: "bigint", nullable: false),
                    End = table.Column<long>(type: "bigint", nullable: false),
                    LeafIndex = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_numbers", x => new { x.Length, x.SpanClass, x.Start, x.End, x.LeafIndex });
                });

            migrationBuilder.CreateTable(
                name: "log_spcs",
                columns: table => new
                {
                    Spc = table.Column<string>(type: "text", nullable: false),
                    LeafIndex = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_spcs", x => new { x.Spc, x.LeafIndex });
                });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_NotAfter",
                table: "certificates",
                column: "NotAfter");

            migrationBuilder.CreateIndex(
                name: "IX_audit_access_At",
                table: "audit_access",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_log_entries_AccountId_LeafIndex",
                table: "log_entries",
                columns: new[] { "AccountId", "LeafIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_log_entries_LoggedAt_LeafIndex",
                table: "log_entries",
                columns: new[] { "LoggedAt", "LeafIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_log_entries_Serial_Kind",
                table: "log_entries",
                columns: new[] { "Serial", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_access");

            migrationBuilder.DropTable(
                name: "auditor_keys");

            migrationBuilder.DropTable(
                name: "log_checkpoints");

            migrationBuilder.DropTable(
                name: "log_entries");

            migrationBuilder.DropTable(
                name: "log_leaves");

            migrationBuilder.DropTable(
                name: "log_numbers");

            migrationBuilder.DropTable(
                name: "log_spcs");

            migrationBuilder.DropIndex(
                name: "IX_certificates_NotAfter",
                table: "certificates");
        }
    }
}
