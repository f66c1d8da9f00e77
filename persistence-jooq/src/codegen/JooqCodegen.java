import io.pressroom.migrations.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Generates the jOOQ classes from the real migrations: starts an embedded PostgreSQL, runs
 * every migration with the same {@link Migrations} the product uses, and reads the schema
 * back with jOOQ's PostgresDatabase (JSONB, arrays, defaults and partial indexes intact).
 * Run by exec-maven-plugin in generate-sources; argument: the output directory.
 */
public class JooqCodegen {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        if (Files.exists(out)) {
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            new Migrations(pg.getPostgresDatabase()).migrate();
            GenerationTool.generate(new Configuration()
                    .withLogging(org.jooq.meta.jaxb.Logging.WARN)
                    .withJdbc(new Jdbc()
                            .withDriver("org.postgresql.Driver")
                            .withUrl(pg.getJdbcUrl("postgres", "postgres"))
                            .withUser("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withOutputSchemaToDefault(true)
                                    .withExcludes("flyway_schema_history"))
                            .withGenerate(new Generate()
                                    .withPojos(false)
                                    .withDaos(false)
                                    .withRecords(true)
                                    .withJavaTimeTypes(true)
                                    .withGeneratedAnnotation(false)
                                    .withComments(true)
                                    .withImplicitJoinPathsToMany(false))
                            .withTarget(new Target()
                                    .withPackageName("io.pressroom.persistence.jooq.generated")
                                    .withDirectory(out.toString()))));
        }
    }
}
