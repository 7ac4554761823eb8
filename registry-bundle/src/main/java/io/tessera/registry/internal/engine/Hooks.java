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

}
