package io.tessera.it;

import static org.ops4j.pax.exam.CoreOptions.composite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@link AppTablesTests} on a real PostgreSQL server ({@link TestPostgres}), configured in the
 * home's {@code etc/io.tessera.data.cfg} before the framework starts; read by the test as the
 * server's superuser. A set of steps is one transaction here: its DDL is seen by nobody before it ends.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppTablesPostgresIT extends AppTablesTests {

    @Configuration
    public Option[] config() {
        Option data = DataBundles.options("AppTablesPostgresIT");
        TestPostgres.control();
        try {
            Files.writeString(DataBundles.home("AppTablesPostgresIT").resolve("etc").resolve(CFG),
                    "url = " + TestPostgres.url() + "\nuser = app\npassword = " + TestPostgres.PASSWORD + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Option[] {composite(tesseraOptions("AppTablesPostgresIT")), data};
    }

    @Before
    public void onPostgres() throws Exception {
        awaitDb("^Database:  jdbc:postgresql:");
        awaitDb("^State:     AVAILABLE ");
    }

    @Override
    protected String sql(String statement) {
        return postgresSql(statement);
    }

    @Override
    protected String columns(String table) {
        String c = sql("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = '" + table + "'");
        return c.equals("null") ? "" : c;
    }

    @Override
    protected String[] slowStep(String table, int seconds) {
        return new String[] {"ALTER TABLE " + table + " ADD COLUMN rank INTEGER;\nSELECT pg_sleep(" + seconds + ");\n", ""};
    }

    @Override
    protected boolean ddlVisibleBeforeTheSetEnds() {
        return false;
    }

    @Override
    protected boolean stepStillRunning() {
        return !sql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()")
                .equals("0");
    }

    @Override
    protected String unknownTypeMessage() {
        return "type \"integral\" does not exist";
    }
}
