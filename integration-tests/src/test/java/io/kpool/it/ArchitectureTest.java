package io.kpool.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Apps stay thin and use only the public APIs, never an {@code internal} package; nothing reaches into an
 * app; core, the library, neither uses picocli nor ends the JVM (that is kpool-service's job).
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kpool");

    /** Everything built on the library: the services, their shared command-line layer, the kpool CLI, the demo tasks, examples, bench. */
    private static final String[] CLIENTS_OF_THE_LIBRARY = {"io.kpool.producer..", "io.kpool.consumer..", "io.kpool.worker..",
            "io.kpool.service..", "io.kpool.tasks..", "io.kpool.examples..", "io.kpool.bench..", "io.kpool.cli.."};
    /** kpool-core's packages. */
    private static final String[] CORE = {"io.kpool.core..", "io.kpool.queue..", "io.kpool.pool..", "io.kpool.dict.."};

    @Test
    void appsExamplesBenchTheDemoTasksAndTheServiceLayerUseOnlyPublicApisNeverAnInternalPackage() {
        noClasses().that().resideInAnyPackage(CLIENTS_OF_THE_LIBRARY)
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .check(CLASSES);
    }

    @Test
    void coreNeitherUsesPicocliNorEndsTheJvm() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .orShould().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnAnApp() {
        noClasses().that().resideOutsideOfPackages("io.kpool.producer..")
                .should().dependOnClassesThat().resideInAPackage("io.kpool.producer..")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackages("io.kpool.consumer..")
                .should().dependOnClassesThat().resideInAPackage("io.kpool.consumer..")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackages("io.kpool.worker..")
                .should().dependOnClassesThat().resideInAPackage("io.kpool.worker..")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackages("io.kpool.examples..")
                .should().dependOnClassesThat().resideInAPackage("io.kpool.examples..")
                .check(CLASSES);
    }
}
