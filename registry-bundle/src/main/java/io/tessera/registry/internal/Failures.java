package io.tessera.registry.internal;

/** Turns an exception from app code into a one-line reason an operator can act on. */
public final class Failures {

    private Failures() {
    }

    /**
     * {@code IllegalStateException: no config file (at com.example.BlogApp.start(BlogApp.java:25))}: the
     * frame given in full, so an operator knows which class and method of the app to look at.
     */
    public static String describe(Throwable t, StackTraceElement frame) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
                + (frame == null ? "" : " (at " + frame.getClassName() + "." + frame.getMethodName() + "("
                        + frame.getFileName() + ":" + frame.getLineNumber() + "))");
    }

    /** {@code IllegalStateException: database is down (at BlogApp.java:42)}. */
    public static String describe(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        String where = trace.length == 0 ? "" : " (at " + trace[0].getFileName() + ":" + trace[0].getLineNumber() + ")";
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + where;
    }
}
