package io.tessera.example.polls;

import java.util.List;

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
    public List<Class<?>> models() {
        return List.of(Question.class, Choice.class);
    }

    @Override
    public void ready() {
        System.out.println("[polls] ready: " + models().size() + " models, voting is open");
    }
}
