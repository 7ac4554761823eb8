package io.tessera.data.internal.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A driver's {@link DataSource} that logs in with the settings' user and the password as it is at
 * each new connection (a password file is read then), so that the password is never stored in the
 * driver's properties nor the pool's configuration. HikariCP pools this. Thread-safe as the
 * driver's data source is.
 */
final class LoginDataSource implements DataSource {

    private final DataSource driver;
    private final DatabaseSettings settings;

    LoginDataSource(DataSource driver, DatabaseSettings settings) {
        this.driver = driver;
        this.settings = settings;
    }

    @Override
    public Connection getConnection() throws SQLException {
        String password;
        try {
            password = settings.password();
        } catch (DatabaseSettings.BadSettings unreadable) {
            throw new SQLException(unreadable.getMessage(), "28000");
        }
        return driver.getConnection(settings.user(), password);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return driver.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }
}
