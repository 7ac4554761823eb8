package io.tessera.example.auth;

import io.tessera.core.AppActivator;
import io.tessera.core.AppBundle;

/** Users and groups, the app the others point at, as {@code django.contrib.auth}. */
@AppBundle
public class AuthApp extends AppActivator {

    /** The data lines go to the runtime's log file; the console keeps one line per app. */
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("io.tessera.example.auth");

    @Override
    public String label() {
        return "auth";
    }

    @Override
    public void ready() {
        System.out.println("[auth] ready: users and groups are available");
        try {
            LOG.info(AuthData.seed(io.tessera.data.Data.of(context(), label())) + " users");
        } catch (NoClassDefFoundError | RuntimeException noData) {
            LOG.info("no users stored: " + noData.getMessage());
        }
    }
}
