package io.tessera.data.internal.db;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;

import org.junit.Test;

/** Which URL the driver gets: only the default embedded H2 is told to write each commit at once. */
public class ConnectUrlTest {

    @Test
    public void theDefaultH2WritesEachCommitAtOnce() {
        DatabaseSettings d = DatabaseSettings.h2Default(Path.of("/h/data/db"));
        assertEquals("jdbc:h2:file:/h/data/db/tessera;WRITE_DELAY=0", DatabaseKeeper.connectUrl(d));
        assertEquals("jdbc:h2:file:/h/data/db/tessera", d.url()); // what apps:db and the messages show
    }

    @Test
    public void aConfiguredUrlIsGivenAsItIs() {
        DatabaseSettings h2 = new DatabaseSettings("jdbc:h2:file:/x/shop", "sa", "", null, "etc", false);
        assertEquals("jdbc:h2:file:/x/shop", DatabaseKeeper.connectUrl(h2));
        DatabaseSettings pg = new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/app", "app", "x", null, "etc", false);
        assertEquals("jdbc:postgresql://127.0.0.1:5432/app", DatabaseKeeper.connectUrl(pg));
        DatabaseSettings own = new DatabaseSettings("jdbc:h2:file:/x/db;write_delay=100", "sa", "", null, "d", true);
        assertEquals("jdbc:h2:file:/x/db;write_delay=100", DatabaseKeeper.connectUrl(own));
    }
}
