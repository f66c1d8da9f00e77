import io.pressroom.migrations.Migrations;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The migration operations through the same io.pressroom.migrations.Migrations that the jar's
 * CLI runs — used by the benches only while the jar has no `migrate` subcommand.
 *   java -cp pressroom.jar bench/lib/MigrateTool.java JDBC_URL USER baseline|migrate|adopt-default-org
 */
public class MigrateTool {
    public static void main(String[] args) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(args[0]);
        ds.setUser(args[1]);
        Migrations m = new Migrations(ds);
        switch (args[2]) {
            case "baseline" -> m.baseline();
            case "migrate" -> System.out.println(m.migrate());
            case "adopt-default-org" -> System.out.println(m.adoptDefaultOrganization());
            default -> throw new IllegalArgumentException(args[2]);
        }
    }
}
