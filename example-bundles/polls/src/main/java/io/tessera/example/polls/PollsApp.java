package io.tessera.example.polls;

import io.tessera.core.AppActivator;
import io.tessera.core.AppBundle;

/** The Django tutorial's polls. */
@AppBundle
public class PollsApp extends AppActivator {

    @Override
    public String label() {
        return "polls";
    }

    @Override
    public void ready() {
        System.out.println("[polls] ready: voting is open");
    }
}
