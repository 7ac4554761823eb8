package io.tessera.example.auth;

import java.time.Instant;
import java.util.List;

import io.tessera.data.Data;
import io.tessera.data.Table;

/**
 * The auth app's rows, through the data access API: a group and two users written the first time
 * (as a fresh Django project gets its first users), so that the other examples have authors.
 * Apart from {@link AuthApp} so that the app runs without the data layer (its import is optional).
 */
final class AuthData {

    private AuthData() {
    }

    /** Seeds the tables if they are empty; returns how many users there are. */
    static long seed(Data data) {
        Table<User> users = data.table(User.class);
        if (users.count() == 0) {
            data.runInTransaction(tx -> {
                Group staff = data.table(Group.class).insert(new Group(0, "staff", List.of("blog.add_post")));
                users.insert(new User(0, "alice", "alice@example.com", true, Instant.now(), staff.id()));
                users.insert(new User(0, "bob", "bob@example.com", false, Instant.now(), staff.id()));
            });
        }
        return users.count();
    }
}
