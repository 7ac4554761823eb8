package io.tessera.example.blog;

import java.util.List;

import io.tessera.core.AppActivator;
import io.tessera.core.AppBundle;
import io.tessera.core.Requirement;

/** A blog whose posts and comments are written by {@code auth} users. */
@AppBundle
public class BlogApp extends AppActivator {

    @Override
    public String label() {
        return "blog";
    }

    @Override
    public List<Requirement> requires() {
        return List.of(Requirement.of("auth", "[0.1,1)"));
    }

    @Override
    public void ready() {
        System.out.println("[blog] ready: posts by auth users can be written");
    }

    @Override
    public void stopping() {
        System.out.println("[blog] stopping");
    }
}
