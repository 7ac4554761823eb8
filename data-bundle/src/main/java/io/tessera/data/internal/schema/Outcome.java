package io.tessera.data.internal.schema;

/**
 * How applying a plan ended. Immutable.
 *
 * @param status  how it ended
 * @param applied the steps run or recorded (0 when nothing was to be done)
 * @param step    the step that failed ({@code null} unless FAILED in a step)
 * @param message for FAILED and REFUSED: what went wrong and what to do, with the database's
 *                message; for the others {@code ""}
 */
public record Outcome(Status status, int applied, String step, String message) {

    /** How applying a plan ended. */
    public enum Status {
        /** The tables match the models and the record says so. */
        DONE,
        /** The plan was refused; nothing ran. */
        REFUSED,
        /** A step failed; the schema and the record are as before the set (see {@link #message}). */
        FAILED,
        /** Cancelled between steps; the schema and the record are as before the set. */
        CANCELLED
    }

    static Outcome done(int applied) {
        return new Outcome(Status.DONE, applied, null, "");
    }

    static Outcome refused(String reason) {
        return new Outcome(Status.REFUSED, 0, null, reason);
    }

    static Outcome failed(String step, String message) {
        return new Outcome(Status.FAILED, 0, step, message);
    }

    static Outcome cancelled() {
        return new Outcome(Status.CANCELLED, 0, null, "");
    }

    /** The reason an app is FAILED with, naming the step; {@code ""} for DONE and CANCELLED. */
    public String reason() {
        return switch (status) {
            case DONE, CANCELLED -> "";
            case REFUSED -> message;
            case FAILED -> step == null ? message : "migration step " + step + " failed: " + message;
        };
    }
}
