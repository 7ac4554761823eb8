package io.tessera.registry.internal.shell;

import java.util.Formatter;
import java.util.Hashtable;
import java.util.function.BiConsumer;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;

/**
 * {@code tessera:start}, the shell's {@code start}: starts bundles exactly as Gogo's
 * {@code felix:start} does (same arguments: bundle ids or locations to install first, {@code -t}
 * transient, {@code -p} activation policy; same output, one line per bundle that did not start)
 * and also hands each exception a start threw to the registry, so the app's reason names the
 * activator's exception class, message and first frame in the app's code. Felix gives that
 * exception only to whoever called {@code start}, and Gogo's command only prints it, as Karaf's
 * own {@code bundle:start} shows is the way to keep it. The launcher's shell profile puts the
 * {@value #SCOPE} scope first, so the plain word {@code start} runs this one; {@code felix:start}
 * stays reachable by its full name.
 */
public final class StartCommand {

    static final String SCOPE = "tessera";

    private final BundleContext context;
    private final BiConsumer<Bundle, Throwable> startFailed;

    /** @param startFailed told of each bundle whose start threw, with what it threw */
    public StartCommand(BundleContext context, BiConsumer<Bundle, Throwable> startFailed) {
        this.context = context;
        this.startFailed = startFailed;
    }

    /** Registers the command; unregister what this returns to take it away. */
    public static ServiceRegistration<?> register(BundleContext context, BiConsumer<Bundle, Throwable> startFailed) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("osgi.command.scope", SCOPE);
        p.put("osgi.command.function", "start");
        return context.registerService(Object.class, new StartCommand(context, startFailed), p);
    }

    /**
     * Gogo's {@code felix:start}, word for word in what it prints (its messages, including the
     * double space after an invalid id, are kept so an operator sees the same whichever ran).
     */
    @Descriptor("start bundles")
    public String start(
            @Descriptor("start bundle transiently") @Parameter(names = {"-t", "--transient"}, presentValue = "true",
                    absentValue = "false") boolean transientStart,
            @Descriptor("use declared activation policy") @Parameter(names = {"-p", "--policy"}, presentValue = "true",
                    absentValue = "false") boolean policy,
            @Descriptor("target bundle identifiers or URLs") String[] ids) {
        if (ids == null || ids.length < 1) {
            return "Please specify the bundles to start.";
        }
        int options = (transientStart ? Bundle.START_TRANSIENT : 0) | (policy ? Bundle.START_ACTIVATION_POLICY : 0);
        try (Formatter out = new Formatter()) {
            for (String id : ids) {
                String word = id.trim();
                Bundle bundle = null;
                try {
                    bundle = Character.isDigit(word.charAt(0)) ? context.getBundle(Long.parseLong(word))
                            : context.installBundle(word);
                    if (bundle != null) {
                        bundle.start(options);
                    } else {
                        out.format("Bundle ID '%s'  is invalid.%n", word);
                    }
                } catch (NumberFormatException e) {
                    out.format("Unable to parse id '%s'.%n", word);
                } catch (BundleException e) {
                    if (bundle != null) { // null: the location did not install, nothing started
                        startFailed.accept(bundle, e);
                    }
                    Throwable nested = e.getNestedException();
                    out.format("%s%n", nested != null ? nested.toString() : e.toString());
                } catch (Exception e) {
                    out.format("%s%n", e.toString());
                }
            }
            return out.toString();
        }
    }
}
