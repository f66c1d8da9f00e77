package io.pressroom.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The boundaries between the modules, as named rules over the production classes of every
 * module (this module sees them all). Every rule fails on a package that matches no class
 * (ArchUnit's failOnEmptyShould, on by default), and {@link #everyLayerHasClasses()} guards the
 * "that" side as well, so a renamed package cannot make a rule silently check nothing.
 */
class ArchitectureTest {

    static final String DOMAIN = "io.pressroom.domain..";
    static final String MIGRATIONS = "io.pressroom.migrations..";
    static final String PERSISTENCE = "io.pressroom.persistence..";
    static final String GENERATED = "io.pressroom.persistence.jooq.generated..";
    static final String STORAGE = "io.pressroom.storage..";
    static final String WEB = "io.pressroom.web..";
    static final String HANDLERS = "io.pressroom.web.http..";

    private static JavaClasses classes;

    /** The domain's outbound ports: what the services need from adapters. */
    static final DescribedPredicate<JavaClass> OUTBOUND_PORTS = JavaClass.Predicates.resideInAPackage(DOMAIN).and(
            DescribedPredicate.describe("an outbound port", (JavaClass c) -> c.isInterface() && (c.getSimpleName().endsWith("Repository")
                    || List.of("FileStore", "PasswordHasher", "SecretCipher", "LoginThrottle", "Transactions", "AuditLog")
                    .contains(c.getSimpleName()))));

    /** Production classes only: no test classes, and no test-jars (their helpers may use anything). */
    static final ImportOption PRODUCTION_ONLY = (Location location) ->
            !location.contains("/test-classes/") && !location.contains("-tests.jar");

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(PRODUCTION_ONLY).importPackages("io.pressroom");
    }

    static Stream<ArchRule> rules() {
        return Stream.of(
                classes().that().resideInAPackage(DOMAIN)
                        .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
                        .as("domain depends on the JDK and itself only")
                        .because("the domain is framework-free: adapters implement its ports, never the reverse"),
                noClasses().that().resideInAPackage(MIGRATIONS)
                        .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, WEB, STORAGE, DOMAIN, "io.javalin..", "org.jooq..")
                        .as("migrations depend on Flyway and JDBC only (not on persistence, web or the domain)")
                        .because("the CLI and the tests run them on their own, and jOOQ's code is generated from them"),
                noClasses().that().resideInAPackage(PERSISTENCE)
                        .should().dependOnClassesThat().resideInAnyPackage(WEB, STORAGE, "io.javalin..")
                        .as("persistence depends on neither web nor other adapters"),
                noClasses().that().haveFullyQualifiedName("io.pressroom.Pressroom")
                        .should().dependOnClassesThat().resideInAnyPackage(WEB, "io.javalin..")
                        .as("the library assembly (Pressroom) knows no HTTP"),
                noClasses().that().resideInAPackage(HANDLERS)
                        .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", GENERATED, PERSISTENCE)
                        .as("HTTP handlers do not use jOOQ, generated tables or repositories directly")
                        .because("they reach the domain through its inbound ports (the services of Pressroom)"),
                noClasses().that().resideInAPackage(HANDLERS)
                        .should().dependOnClassesThat(OUTBOUND_PORTS)
                        .as("HTTP handlers do not use the domain's outbound ports (repositories, stores, hasher, cipher, "
                                + "throttle, transactions, the audit writer)")
                        .because("they call inbound ports (what a user does); the services own units of work and audit"),
                noClasses().that().resideInAPackage(HANDLERS)
                        .should().dependOnClassesThat().resideInAnyPackage("org.flywaydb..", "com.zaxxer..", "io.zonky..")
                        .as("HTTP handlers know nothing of the database's set-up (Flyway, the pool, the embedded server)"),
                noClasses().that().resideInAnyPackage(DOMAIN, MIGRATIONS, PERSISTENCE)
                        .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.dataformat..", "picocli..")
                        .as("only the runnable server uses the CLI and YAML libraries"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void everyLayerHasClasses() {
        for (String pkg : List.of(DOMAIN, MIGRATIONS, PERSISTENCE, GENERATED, STORAGE, WEB, HANDLERS)) {
            assertThat(classes.stream().filter(c -> com.tngtech.archunit.core.domain.PackageMatcher.of(pkg).matches(c.getPackageName())).count())
                    .as("classes in " + pkg).isPositive();
        }
        assertThat(classes.contain("io.pressroom.Pressroom")).isTrue();
        assertThat(classes.stream().filter(OUTBOUND_PORTS).count()).as("outbound ports").isGreaterThan(5);
    }
}
