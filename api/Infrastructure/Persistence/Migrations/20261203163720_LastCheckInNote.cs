using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Okr.Api.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LastCheckInNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "last_check_in_note",
                table: "key_results",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            // Existing key results show the note of the check-in that set their current value (the latest one).
            migrationBuilder.Sql("""
                UPDATE key_results k SET last_check_in_note = l.note
                FROM (SELECT DISTINCT ON (key_result_id) key_result_id, note FROM check_ins
                      ORDER BY key_result_id, measured_at DESC, created_at DESC) l
                WHERE l.key_result_id = k.id AND l.note IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_check_in_note",
                table: "key_results");
        }
    }
}
