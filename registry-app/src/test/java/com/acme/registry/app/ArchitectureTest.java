package com.acme.registry.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import jakarta.servlet.Filter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the whole registry (docs/architecture.md), checked on every module this application packages plus
 * the command line: capabilities (model, promotion, rollout, lineage, audit, compliance, identity) have the same
 * package name in every module and do not depend on each other in circles; the web UI reaches the registry only
 * through the capabilities' application services; the audit trail's format has one definition.
 */
@AnalyzeClasses(packages = "com.acme.registry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * In every module, its capabilities and its shared plumbing ({@code web}, {@code axon}, {@code security}...)
     * depend on each other in one direction only. A slice is one top-level package of one module.
     */
    @ArchTest
    static final ArchRule noPackageCyclesInAnyModule = slices()
            .assignedFrom(new PackagesPerModule())
            .should().beFreeOfCycles();

    /** Keeps the rule above from passing vacuously: every class must be placed in a module's slice. */
    @ArchTest
    static final ArchRule everyClassHasAModuleSlice = classes()
            .that().resideInAPackage("com.acme.registry.*..")
            .should(new ArchCondition<>("be placed in a slice module:package") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    if (PackagesPerModule.sliceOf(type).isEmpty()) {
                        events.add(SimpleConditionEvent.violated(type, type.getName() + " is in no module's slice ("
                                + type.getSource().map(source -> source.getUri().toString()).orElse("no source") + ")"));
                    }
                }
            });

    @ArchTest
    static final ArchRule uiRunsNoSql = noClasses()
            .that().resideInAPackage("com.acme.registry.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                    "javax.sql..", "com.acme.registry.sql..")
            .because("the UI reads the registry through the application services, never its tables");

    @ArchTest
    static final ArchRule uiUsesOnlyTheServices = noClasses()
            .that().resideInAPackage("com.acme.registry.ui..")
            .should().dependOnClassesThat(apiInternals())
            .because("the application services are the one door to each capability (docs/architecture.md)");

    @ArchTest
    static final ArchRule onlyTheServicesSendCommands = noClasses()
            .that().resideInAPackage("com.acme.registry.ui..")
            .or().haveSimpleNameEndingWith("Controller")
            .or().resideInAPackage("com.acme.registry.demo..")
            .should().dependOnClassesThat(commands())
            .because("commands are built in one place: the capability's application service");

    @ArchTest
    static final ArchRule theMlflowAdapterUsesOnlyTheServices = noClasses()
            .that().resideInAPackage("com.acme.registry.mlflow..")
            .should().dependOnClassesThat(apiInternals().and(DescribedPredicate.not(
                    JavaClass.Predicates.resideInAPackage("com.acme.registry.mlflow.."))))
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                    "javax.sql..", "com.acme.registry.sql..")
            .because("an adapter such as MLflow's is one more door onto the application services, like the UI "
                    + "(docs/architecture.md)");

    @ArchTest
    static final ArchRule theFeedPublishesOnlyTheEventStore = noClasses()
            .that().resideInAnyPackage("com.acme.registry.feed..", "com.acme.registry.webhook..")
            .should().dependOnClassesThat(commands())
            .orShould().dependOnClassesThat(JavaClass.Predicates.simpleNameEndingWith("Queries")
                    .or(JavaClass.Predicates.simpleNameEndingWith("Projection"))
                    .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage("com.acme.registry.feed..",
                            "com.acme.registry.webhook.."))))
            .because("the event feed publishes what the event store committed, read by its own tracking processor: "
                    + "it causes no event and reads no other capability's read model (docs/events.md)");

    /** Slices {@code module:package}, the package being the first one under {@code com.acme.registry} (or its ui). */
    static final class PackagesPerModule implements SliceAssignment {

        private static final Pattern MODULE = Pattern.compile(
                "/(registry-domain|registry-api|audit-format|registry-cli|ui)(?:/target/|-\\d)");
        private static final Pattern PACKAGE = Pattern.compile("^com\\.acme\\.registry\\.((?:ui\\.)?[a-z]\\w*)\\.");

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            return sliceOf(type).map(SliceIdentifier::of).orElseGet(SliceIdentifier::ignore);
        }

        static Optional<String> sliceOf(JavaClass type) {
            Matcher pkg = PACKAGE.matcher(type.getName());
            Matcher module = MODULE.matcher(type.getSource().map(source -> source.getUri().toString()).orElse(""));
            return pkg.find() && module.find() ? Optional.of(module.group(1) + ":" + pkg.group(1)) : Optional.empty();
        }

        @Override
        public String getDescription() {
            return "top-level packages of each module";
        }
    }

    @ArchTest
    static final ArchRule onlyAuditFormatDefinesTheFormat = noClasses()
            .that().resideInAnyPackage("com.acme.registry.audit..", "com.acme.registry.ui.audit..",
                    "com.acme.registry.compliance..", "com.acme.registry.ui.compliance..", "com.acme.registry.cli..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.security.MessageDigest")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.Signature")
            .because("the audit trail's canonical form, hash chain, signature and verification have one definition:"
                    + " audit-format, which the server, the UI and registry-cli all use");

    /**
     * Part of every service's answer: a write whose events are stored but not yet shown by the read models (the API
     * answers 202, a page says it was recorded).
     */
    private static final Set<String> WRITE_OUTCOMES = Set.of("com.acme.registry.axon.WriteNotYetVisibleException",
            "com.acme.registry.axon.CommittedWrite");

    /** Security's filters are shared plumbing: the UI's own filter chain is built from them, like the API's. */
    private static DescribedPredicate<JavaClass> apiInternals() {
        return new DescribedPredicate<>("API internals (controllers, servlet filters, queries, projections, Axon plumbing)") {
            @Override
            public boolean test(JavaClass type) {
                String name = type.getName();
                if (!name.startsWith("com.acme.registry.") || name.startsWith("com.acme.registry.ui.")) {
                    return false;
                }
                if (WRITE_OUTCOMES.contains(name)) {
                    return false;
                }
                String simple = type.getSimpleName();
                return name.startsWith("com.acme.registry.axon.")
                        || type.isAnnotatedWith(RestController.class) || type.isAnnotatedWith(Controller.class)
                        || (type.isAssignableTo(Filter.class) && !name.startsWith("com.acme.registry.security."))
                        || simple.endsWith("Queries") || simple.endsWith("Projection");
            }
        };
    }

    private static DescribedPredicate<JavaClass> commands() {
        return new DescribedPredicate<>("commands (records with a @TargetAggregateIdentifier)") {
            @Override
            public boolean test(JavaClass type) {
                return type.getAllFields().stream().anyMatch(field -> field.isAnnotatedWith(TargetAggregateIdentifier.class))
                        || type.getAllMembers().stream().anyMatch(m -> m.isAnnotatedWith(TargetAggregateIdentifier.class));
            }
        };
    }
}
