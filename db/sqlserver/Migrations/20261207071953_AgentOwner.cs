using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExperimentHub.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AgentOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "api_key_id",
                table: "agents",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "api_key_id",
                table: "agents");
        }
    }
}
