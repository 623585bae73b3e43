using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Okr.Api.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DailyReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reminder_runs",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    ran_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false),
                    emails_sent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_runs", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "reminder_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    key_results = table.Column<int>(type: "integer", nullable: false),
                    sent = table.Column<bool>(type: "boolean", nullable: false),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_reminder_deliveries_reminder_runs_day",
                        column: x => x.day,
                        principalTable: "reminder_runs",
                        principalColumn: "day",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reminder_deliveries_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_deliveries_day_user_id",
                table: "reminder_deliveries",
                columns: new[] { "day", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reminder_deliveries_user_id",
                table: "reminder_deliveries",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reminder_deliveries");

            migrationBuilder.DropTable(
                name: "reminder_runs");
        }
    }
}
