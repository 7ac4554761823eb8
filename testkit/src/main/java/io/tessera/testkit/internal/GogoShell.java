package io.tessera.testkit.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Runs command lines through the framework's real Gogo {@code CommandProcessor}, as an operator's
 * shell does. Gogo's API lives in a bundle, not on the test's class path, so it is called through
 * its own interface classes, with only {@code java.*} types crossing over.
 */
public final class GogoShell {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";

    private final BundleContext context;

    public GogoShell(BundleContext context) {
        this.context = context;
    }

    /**
     * What the command line printed, followed by its result's text (as the shell prints it);
     * exceptions the command throws (an unknown command, bad arguments) are thrown as they are.
     */
    public String execute(String commandLine) throws Exception {
        // all references, whatever class the caller's loader sees: a test class path that also holds
        // Gogo's API (as the kit's own does) would otherwise hide the service from the system bundle
        ServiceReference<?>[] refs = context.getAllServiceReferences(PROCESSOR, null);
        if (refs == null) {
            throw new IllegalStateException("no Gogo CommandProcessor service: the shell bundles did not start");
        }
        ServiceReference<?> ref = refs[0];
        Object processor = context.getService(ref);
        try {
            Class<?> processorType = ref.getBundle().loadClass(PROCESSOR);
            Class<?> sessionType = ref.getBundle().loadClass(SESSION);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                    OutputStream.class).invoke(processor, new ByteArrayInputStream(new byte[0]), out, out);
            try {
                Object result = invoke(sessionType.getMethod("execute", CharSequence.class), session, commandLine);
                out.flush();
                return bytes.toString(StandardCharsets.UTF_8) + (result == null ? "" : result.toString());
            } finally {
                sessionType.getMethod("close").invoke(session);
            }
        } finally {
            context.ungetService(ref);
        }
    }

    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
