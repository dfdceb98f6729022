package io.kpool.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Apps stay thin and use only core's public API; nothing in core reaches into an app. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kpool");

    @Test
    void appsUseOnlyTheCorePublicApiNeverItsInternals() {
        noClasses().that().resideInAnyPackage("io.kpool.producer..", "io.kpool.consumer..", "io.kpool.worker..", "io.kpool.examples..")
                .should().dependOnClassesThat().resideInAPackage("io.kpool.core.internal..")
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
