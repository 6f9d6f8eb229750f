using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TnAcme.Storage.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeyId = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", nullable: false),
                    Target = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Results = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_access", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "auditor_keys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    SecretHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auditor_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "log_checkpoints",
                columns: table => new
                {
                    TreeSize = table.Column<long>(type: "INTEGER", nullable: false),
                    RootHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_checkpoints", x => x.TreeSize);
                });

            migrationBuilder.CreateTable(
                name: "log_entries",
                columns: table => new
                {
                    LeafIndex = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Serial = table.Column<string>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    LoggedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Entry = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_entries", x => x.LeafIndex);
                });

            migrationBuilder.CreateTable(
                name: "log_leaves",
                columns: table => new
                {
                    LeafIndex = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_leaves", x => x.LeafIndex);
                });

            migrationBuilder.CreateTable(
                name: "log_numbers",
                columns: table => new
                {
                    Length = table.Column<int>(type: "INTEGER", nullable: false),
                    SpanClass = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    LeafIndex = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_numbers", x => new { x.Length, x.SpanClass, x.Start, x.End, x.LeafIndex });
                });

            migrationBuilder.CreateTable(
                name: "log_spcs",
                columns: table => new
                {
                    Spc = table.Column<string>(type: "TEXT", nullable: false),
                    LeafIndex = table.Column<long>(type: "INTEGER", nullable: false)
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
