using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Okr.Api.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CarryOverLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "carried_over_from_id",
                table: "objectives",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "carried_over_to_id",
                table: "objectives",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_objectives_carried_over_from_id",
                table: "objectives",
                column: "carried_over_from_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_objectives_carried_over_to_id",
                table: "objectives",
                column: "carried_over_to_id",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_objectives_objectives_carried_over_from_id",
                table: "objectives",
                column: "carried_over_from_id",
                principalTable: "objectives",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_objectives_objectives_carried_over_to_id",
                table: "objectives",
                column: "carried_over_to_id",
                principalTable: "objectives",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_objectives_objectives_carried_over_from_id",
                table: "objectives");

            migrationBuilder.DropForeignKey(
                name: "fk_objectives_objectives_carried_over_to_id",
                table: "objectives");

            migrationBuilder.DropIndex(
                name: "ix_objectives_carried_over_from_id",
                table: "objectives");

            migrationBuilder.DropIndex(
                name: "ix_objectives_carried_over_to_id",
                table: "objectives");

            migrationBuilder.DropColumn(
                name: "carried_over_from_id",
                table: "objectives");

            migrationBuilder.DropColumn(
                name: "carried_over_to_id",
                table: "objectives");
        }
    }
}
