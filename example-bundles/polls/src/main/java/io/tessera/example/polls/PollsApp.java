package io.tessera.example.polls;

import io.tessera.core.AppActivator;
import io.tessera.core.AppBundle;

/** The Django tutorial's polls. */
@AppBundle
public class PollsApp extends AppActivator {

    /** The data lines go to the runtime's log file; the console keeps one line per app. */
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("io.tessera.example.polls");

    @Override
    public String label() {
        return "polls";
    }

    @Override
    public void ready() {
        System.out.println("[polls] ready: voting is open");
        try {
            LOG.info(PollsData.votes(io.tessera.data.Data.of(context(), label())));
        } catch (NoClassDefFoundError | RuntimeException noData) {
            LOG.info("no votes stored: " + noData.getMessage());
        }
    }
}
