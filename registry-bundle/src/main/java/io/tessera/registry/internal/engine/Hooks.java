package io.tessera.registry.internal.engine;

/** Runs app code, turning whatever it throws into a value. */
final class Hooks {

    private Hooks() {
    }

    static Throwable run(Runnable hook) {
        try {
            hook.run();
            return null;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            return t;
        }
    }

    /** {@code IllegalStateException: database is down (at BlogApp.java:42)}. */
    static String describe(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        String where = trace.length == 0 ? "" : " (at " + trace[0].getFileName() + ":" + trace[0].getLineNumber() + ")";
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + where;
    }
}
