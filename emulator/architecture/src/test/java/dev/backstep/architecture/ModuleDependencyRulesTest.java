package dev.backstep.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Arrays;

/**
 * The dependency arrows of docs/architecture.md, over the main classes of every module:
 * cli -> dap -> session -> replay -> machine, session -> debuginfo, gdbserver -> replay, dap -> dap-protocol, and the
 * public-API rules.
 */
@AnalyzeClasses(locations = Modules.MainClasses.class)
class ModuleDependencyRulesTest {

    @ArchTest
    static final ArchRule machineDependsOnNothingOfOurs = onlyOn("machine");

    @ArchTest
    static final ArchRule debuginfoDependsOnNothingOfOurs = onlyOn("debuginfo");

    @ArchTest
    static final ArchRule replayDependsOnlyOnMachine = onlyOn("replay", "machine");

    @ArchTest
    static final ArchRule sessionDependsOnReplayDebuginfoAndMachine = onlyOn("session", "replay", "debuginfo", "machine");

    @ArchTest
    static final ArchRule gdbserverDependsOnReplayAndMachine = onlyOn("gdbserver", "replay", "machine");

    /** The custom requests' types, shared by the server and the Eclipse client: lsp4j only. */
    @ArchTest
    static final ArchRule dapProtocolDependsOnNothingOfOurs = onlyOn("dap-protocol");

    @ArchTest
    static final ArchRule dapDependsOnlyOnTheSessionAndTheProtocol = onlyOn("dap", "session", "dap-protocol");

    @ArchTest
    static final ArchRule cliDependsOnTheFrontEndsAndTheLayersItDrives =
            onlyOn("cli", "dap", "session", "gdbserver", "replay", "machine");

    /** The DAP server translates the protocol: it sees the session's API, never how the session is built. */
    @ArchTest
    static final ArchRule dapUsesTheSessionsPublicApiOnly = noClasses()
            .that().resideInAPackage(Modules.packagesOf("dap"))
            .should().dependOnClassesThat().resideInAPackage("dev.backstep.session.internal..")
            .because("dap speaks to the session only through DebugSession and its values");

    @ArchTest
    static final ArchRule nothingReachesIntoAnotherModulesInternals = classes()
            .that().resideInAPackage("dev.backstep..")
            .should(new ArchCondition<JavaClass>("use no ..internal.. package of another module") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    String from = Modules.of(origin);
                    for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                        JavaClass target = d.getTargetClass();
                        String to = Modules.of(target);
                        if (to != null && !to.equals(from) && target.getPackageName().contains(".internal")) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    }
                }
            });

    @ArchTest
    static final ArchRule modulesFormNoCycles = slices().matching("dev.backstep.(*)..").should().beFreeOfCycles();

    /** Classes of {@code module} depend on classes of their own module, the {@code allowed} ones, or none of ours. */
    private static ArchRule onlyOn(String module, String... allowed) {
        String[] packages = new String[allowed.length + 1];
        packages[0] = Modules.packagesOf(module);
        for (int i = 0; i < allowed.length; i++) {
            packages[i + 1] = Modules.packagesOf(allowed[i]);
        }
        String said = allowed.length == 0 ? "nothing of ours" : String.join(", ", Arrays.asList(allowed));
        return classes().that().resideInAPackage(Modules.packagesOf(module))
                .should().onlyDependOnClassesThat(resideInAnyPackage(packages).or(not(resideInAPackage("dev.backstep.."))))
                .as(module + " depends on " + said)
                .because("the module arrows of docs/architecture.md point one way");
    }
}
