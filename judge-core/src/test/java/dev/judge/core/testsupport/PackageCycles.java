package dev.judge.core.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The one package-cycle rule every module's build checks: the main classes of one module under a root
 * package, sliced by every package below it, must not depend on each other in a cycle.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /**
     * Imports the classes that sit where {@code anyMainClass} was loaded from (the module's own
     * {@code target/classes} or jar, not its dependencies) and fails with ArchUnit's description of each
     * cycle among the packages under {@code rootPackage}.
     */
    public static void assertNone(Class<?> anyMainClass, String rootPackage) {
        Location location;
        try {
            location = Location.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + anyMainClass, e);
        }
        JavaClasses classes = new ClassFileImporter().importLocations(Set.of(location));
        slices().matching(rootPackage + ".(**)").should().beFreeOfCycles().check(classes);
    }
}
