package io.tessera.registry.internal.deploy;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.osgi.framework.BundleException;

/** The framework's reasons as one line each. */
public class StartProblemTest {

    @Test
    public void felixsListOfUnresolvedRequirementsIsLeftOut() {
        String felix = "Unable to resolve a [3](R 3.0): missing requirement [a [3](R 3.0)] osgi.wiring.package;"
                + " (osgi.wiring.package=com.example.any) Unresolved requirements: [[a [3](R 3.0)] osgi.wiring.package;"
                + " (osgi.wiring.package=com.example.any)]";
        assertEquals("Unable to resolve a [3](R 3.0): missing requirement [a [3](R 3.0)] osgi.wiring.package;"
                + " (osgi.wiring.package=com.example.any)",
                StartProblem.condense(new BundleException(felix, BundleException.RESOLVE_ERROR)));
    }

    @Test
    public void aWrappedReasonIsAddedToTheFrameworksOwnWords() {
        BundleException e = new BundleException("Could not create bundle object.",
                new IllegalArgumentException("invalid version \"one.two\""));
        assertEquals("Could not create bundle object: invalid version \"one.two\"", StartProblem.condense(e));
    }

    @Test
    public void anyOtherMessageBecomesOneLine() {
        assertEquals("Bundle symbolic name and version are not unique: a:1.0.0",
                StartProblem.condense(new BundleException("Bundle symbolic name and version\n are not unique: a:1.0.0")));
    }
}
