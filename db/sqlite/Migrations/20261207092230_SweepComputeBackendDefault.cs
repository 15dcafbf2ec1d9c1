using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExperimentHub.Server.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "agents",
                oldClrType: typeof(string),
                oldType: "TEXT");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "compute_backend",
                table: "sweeps",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldDefaultValue: "agents");
        }
    }
}
