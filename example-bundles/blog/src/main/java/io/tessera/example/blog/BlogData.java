package io.tessera.example.blog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tessera.data.Data;
import io.tessera.data.Table;

/**
 * The blog's rows, through the data access API: two posts written the first time, by the first
 * users of {@code auth}; and the posts with their authors' names, read with plain SQL joining
 * {@code auth.User} (table names filled in by Tessera). Apart from {@link BlogApp} so that the app
 * runs without the data layer (its import is optional).
 */
final class BlogData {

    private BlogData() {
    }

    /** Seeds two posts if there are none and there are users; returns "'title' by username" per post, oldest first. */
    static List<String> postsWithAuthors(Data data) {
        Table<Post> posts = data.table(Post.class);
        if (posts.count() == 0) {
            List<Long> users = data.withConnection(c -> {
                List<Long> ids = new ArrayList<>();
                try (var s = c.prepareStatement(data.sql("select {auth.User.id} from {auth.User} order by {auth.User.id}"));
                        var r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
                return ids;
            });
            if (!users.isEmpty()) {
                data.runInTransaction(tx -> {
                    posts.insert(new Post(0, "Hello, Tessera", "Dropped in, and it works.", users.get(0), Instant.now()));
                    posts.insert(new Post(0, "Tables on arrival", "No migrate command.", users.get(users.size() - 1),
                            Instant.now()));
                });
            }
        }
        return data.withConnection(c -> {
            List<String> out = new ArrayList<>();
            try (var s = c.prepareStatement(data.sql("select p.{Post.title}, u.{auth.User.username} from {Post} p"
                    + " join {auth.User} u on u.{auth.User.id} = p.{Post.author} order by p.{Post.id}"));
                    var r = s.executeQuery()) {
                while (r.next()) {
                    out.add("'" + r.getString(1) + "' by " + r.getString(2));
                }
            }
            return out;
        });
    }
}
