package com.acme.registry;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The domain module stays free of Spring, the model free of JDBC, and its capabilities free of cycles. */
@AnalyzeClasses(packages = "com.acme.registry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDoesNotDependOnSpring = noClasses()
            .that().resideInAPackage("com.acme.registry..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("registry-domain is plain Java + Axon; Spring belongs to registry-api");

    @ArchTest
    static final ArchRule modelDoesNotDependOnJdbc = noClasses()
            .that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAPackage("java.sql..")
            .because("the model is event-sourced; persistence is not its concern");

    @ArchTest
    static final ArchRule capabilitiesAreFreeOfCycles = slices()
            .matching("com.acme.registry.(*)..")
            .should().beFreeOfCycles()
            .because("the model's root holds the promotion and rollout members, a rollout asks promotion for its "
                    + "grant; a way back would tie every capability to every other");
}
