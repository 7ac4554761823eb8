package io.tessera.it;

import static org.ops4j.pax.exam.CoreOptions.composite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * {@link AppTablesTests} on the default embedded H2 in the home's {@code data/db}, read by the test
 * through the H2 bundle's own {@code DataSourceFactory} (the same engine, so the same open database).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppTablesH2IT extends AppTablesTests {

    @Configuration
    public Option[] config() {
        return new Option[] {composite(tesseraOptions("AppTablesH2IT")), DataBundles.options("AppTablesH2IT")};
    }

    private DataSource h2() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences("org.osgi.service.jdbc.DataSourceFactory",
                    "(osgi.jdbc.driver.class=org.h2.Driver)");
            Object factory = context.getService(refs[0]);
            Properties p = new Properties();
            p.setProperty("url", "jdbc:h2:file:" + home().resolve("data/db/tessera"));
            p.setProperty("user", "sa");
            p.setProperty("password", "");
            return (DataSource) factory.getClass().getMethod("createDataSource", Properties.class).invoke(factory, p);
        } catch (ReflectiveOperationException | org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String sql(String statement) {
        try (Connection c = h2().getConnection(); Statement s = c.createStatement()) {
            if (!s.execute(statement)) {
                return "";
            }
            try (ResultSet r = s.getResultSet()) {
                return r.next() ? String.valueOf(r.getObject(1)) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected String columns(String table) {
        String c = sql("SELECT LISTAGG(COLUMN_NAME, ',') WITHIN GROUP (ORDER BY ORDINAL_POSITION) FROM"
                + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = '"
                + table.toUpperCase(java.util.Locale.ROOT) + "'");
        return c.equals("null") ? "" : c.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    protected String[] slowStep(String table, int seconds) {
        return new String[] {"ALTER TABLE " + table + " ADD COLUMN rank INTEGER;\n"
                + "CREATE ALIAS IF NOT EXISTS DT_NAP FOR 'java.lang.Thread.sleep';\n"
                + "CALL DT_NAP(" + seconds * 1000 + ");\n",
                "DROP ALIAS IF EXISTS DT_NAP;\nALTER TABLE " + table + " DROP COLUMN IF EXISTS rank;\n"};
    }

    @Override
    protected boolean ddlVisibleBeforeTheSetEnds() {
        return true;
    }

    @Override
    protected boolean stepStillRunning() {
        return !sql("SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE 'CALL DT_NAP%'")
                .equals("0");
    }

    @Override
    protected String unknownTypeMessage() {
        return "Unknown data type: \"INTEGRAL\"";
    }
}
