package io.kpool.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout of core, as the README's "Where things live" describes it: three features (queue, pool,
 * dict) over a shared base ({@code io.kpool.core}, its Kafka plumbing and the delivery engine). The
 * features never depend on each other, a feature's internals are its own, and the base depends on no
 * feature. JobRunr's {@code PackageDependenciesTest} is the model.
 */
class PackageDependenciesTest {
    private static final String[] FEATURES = {"queue", "pool", "dict"};
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kpool.core", "io.kpool.queue", "io.kpool.pool", "io.kpool.dict");

    @Test
    void coreHoldsClassesInEveryFeature() {
        for (String feature : FEATURES) {
            org.assertj.core.api.Assertions.assertThat(CORE.containPackage("io.kpool." + feature))
                    .as("package io.kpool.%s imported", feature).isTrue();
        }
    }

    @Test
    void featuresNeverDependOnEachOther() {
        for (String feature : FEATURES) {
            for (String other : FEATURES) {
                if (!feature.equals(other)) {
                    noClasses().that().resideInAPackage("io.kpool." + feature + "..")
                            .should().dependOnClassesThat().resideInAPackage("io.kpool." + other + "..")
                            .because("features are independent: a shared mechanism belongs in io.kpool.core")
                            .check(CORE);
                }
            }
        }
    }

    @Test
    void aFeaturesInternalsAreUsedOnlyByThatFeature() {
        for (String feature : FEATURES) {
            noClasses().that().resideOutsideOfPackage("io.kpool." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.kpool." + feature + ".internal..")
                    .check(CORE);
        }
    }

    @Test
    void poolClientAndWorkerShareOnlyTheWireFormat() {
        noClasses().that().resideInAPackage("io.kpool.pool.internal.client..")
                .should().dependOnClassesThat().resideInAPackage("io.kpool.pool.internal.worker..")
                .check(CORE);
        noClasses().that().resideInAPackage("io.kpool.pool.internal.worker..")
                .should().dependOnClassesThat().resideInAPackage("io.kpool.pool.internal.client..")
                .check(CORE);
    }

    @Test
    void theSharedBaseDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.kpool.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kpool.queue..", "io.kpool.pool..", "io.kpool.dict..")
                .check(CORE);
    }

    @Test
    void theDictFoldIsPureAndImportsNothingFromKafka() {
        noClasses().that().resideInAPackage("io.kpool.dict.internal.fold..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .because("every client, in any language, must fold the same log to the same state: no clock, no client")
                .check(CORE);
    }

    @Test
    void nothingInCoreUsesACommandLineLibrary() {
        noClasses().should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("command-line support lives in kpool-service; core is a library")
                .check(CORE);
    }
}
