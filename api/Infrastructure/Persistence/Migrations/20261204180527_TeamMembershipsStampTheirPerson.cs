using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Okr.Api.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// A person's team memberships are part of the person (GET /users/{id} lists them): adding, changing or removing one
    /// stamps the person's modified_at (and so their version), whatever wrote it (the API, an import, SCIM), so that
    /// GET /users?modifiedSince= finds them. Deferred to the commit, after every statement of the transaction: an EF
    /// update of the same person earlier in the transaction checks its version first and is not refused.
    /// </summary>
    public partial class TeamMembershipsStampTheirPerson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION team_memberships_stamp_person() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE users SET modified_at = greatest(modified_at, now())
                    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END;
                    IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
                        UPDATE users SET modified_at = greatest(modified_at, now()) WHERE id = OLD.user_id;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER team_memberships_stamp_person AFTER INSERT OR UPDATE OR DELETE ON team_memberships
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION team_memberships_stamp_person();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS team_memberships_stamp_person ON team_memberships; DROP FUNCTION IF EXISTS team_memberships_stamp_person();");
        }
    }
}
