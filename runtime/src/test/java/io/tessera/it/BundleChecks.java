package io.tessera.it;

import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.function.BiConsumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.tessera.core.App;
import io.tessera.core.AppRegistry;

/** What the tests of bundles that do not run share: finding bundles and apps, handing over a start failure. */
final class BundleChecks {

    /** An Import-Package that nothing installed meets, as in issue 14's example. */
    static final String MISSING_IMPORT = "io.tessera.core;version=\"[1.0,2)\",org.osgi.framework,"
            + "com.example.missing;version=\"[1.0,2.0)\"";

    private BundleChecks() {
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    static List<App> appsOfBundle(AppRegistry registry, long bundleId) {
        return registry.apps().stream().filter(a -> a.bundleId() == bundleId).toList();
    }

    static void assertContains(String text, String... fragments) {
        for (String f : fragments) {
            assertTrue("lacks '" + f + "':\n" + text, text.contains(f));
        }
    }

    /** Hands a caught start exception to the registry's service, as the launcher does. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void reportStartFailure(BundleContext context, Bundle b, Exception e) throws InvalidSyntaxException {
        ServiceReference<?>[] refs = context.getServiceReferences(BiConsumer.class.getName(),
                "(tessera.activator.failures=true)");
        assertTrue("the registry takes start failures", refs != null && refs.length == 1);
        ((BiConsumer) context.getService(refs[0])).accept(b, e);
        context.ungetService(refs[0]);
    }
}
