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
        } catch (NoClassDefFoundError noDataLayer) { // io.tessera.data is imported optionally
            LOG.fine("no votes stored: the data layer is not installed");
        } catch (RuntimeException failed) {
            LOG.warning("no votes stored: " + failed.getMessage());
        }
    }
}
