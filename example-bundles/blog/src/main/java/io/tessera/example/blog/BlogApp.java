package io.tessera.example.blog;

import java.util.List;

import io.tessera.core.AppActivator;
import io.tessera.core.AppBundle;
import io.tessera.core.Requirement;

/** A blog whose posts and comments are written by {@code auth} users. */
@AppBundle
public class BlogApp extends AppActivator {

    /** The data lines go to the runtime's log file; the console keeps one line per app. */
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("io.tessera.example.blog");

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
        try {
            LOG.info("posts: " + String.join(", ",
                    BlogData.postsWithAuthors(io.tessera.data.Data.of(context(), label()))));
        } catch (NoClassDefFoundError | RuntimeException noData) {
            LOG.info("no posts stored: " + noData.getMessage());
        }
    }

    @Override
    public void stopping() {
        System.out.println("[blog] stopping");
    }
}
