using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TnAcme.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallbackChallenge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "authorizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "rate_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rate_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rate_events_Scope_Key_At",
                table: "rate_events",
                columns: new[] { "Scope", "Key", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rate_events");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "authorizations");
        }
    }
}
