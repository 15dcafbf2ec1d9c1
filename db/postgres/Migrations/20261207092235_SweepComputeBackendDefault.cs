using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExperimentHub.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SweepComputeBackendDefault : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "compute_backend",
                table: "sweeps",
                type: "text",
                nullable: false,
                defaultValue: "agents",
                oldClrType: typeof(string),
                oldType: "text");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "compute_backend",
                table: "sweeps",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldDefaultValue: "agents");
        }
    }
}
