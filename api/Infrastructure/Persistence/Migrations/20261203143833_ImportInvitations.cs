using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Okr.Api.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "invite_people",
                table: "import_jobs",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "invite_people",
                table: "import_jobs");
        }
    }
}
