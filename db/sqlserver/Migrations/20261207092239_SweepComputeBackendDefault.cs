using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExperimentHub.Server.Data.Migrations.SqlServer
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
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "agents",
                oldClrType: typeof(string),
                oldType: "nvarchar(max)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "compute_backend",
                table: "sweeps",
                type: "nvarchar(max)",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(max)",
                oldDefaultValue: "agents");
        }
    }
}
