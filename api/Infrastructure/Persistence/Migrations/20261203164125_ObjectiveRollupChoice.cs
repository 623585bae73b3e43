using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Okr.Api.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ObjectiveRollupChoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "aligned_share",
                table: "objectives",
                type: "numeric(5,4)",
                precision: 5,
                scale: 4,
                nullable: false,
                defaultValue: 0.5m);

            migrationBuilder.AddColumn<string>(
                name: "progress_from",
                table: "objectives",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "key_results");

            migrationBuilder.AddCheckConstraint(
                name: "ck_objectives_aligned_share",
                table: "objectives",
                sql: "aligned_share >= 0 AND aligned_share <= 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_objectives_aligned_share",
                table: "objectives");

            migrationBuilder.DropColumn(
                name: "aligned_share",
                table: "objectives");

            migrationBuilder.DropColumn(
                name: "progress_from",
                table: "objectives");
        }
    }
}
