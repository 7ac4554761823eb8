package io.tessera.web.internal.routes;

import java.io.EOFException;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The first filter of every app's context: a route that throws answers {@code 500} for that request
 * only (when nothing was sent yet), and the exception is logged once with the app's label, the
 * method and the path (never the query string, which may carry secrets) through
 * {@code java.util.logging} logger {@value #LOGGER}: in the runtime that is one line on the console
 * and the stack trace in the log file. A client that went away is not the app's fault and is not
 * logged as a problem. Called on Jetty's threads, concurrently; stateless.
 */
final class AppFaults implements Filter {

    static final String LOGGER = "tessera.web";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    private final String label;

    AppFaults(String label) {
        this.label = label;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (EOFException clientGone) {
            LOG.log(Level.FINE, "app '" + label + "': the client went away", clientGone);
        } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
            HttpServletRequest http = (HttpServletRequest) request;
            HttpServletResponse out = (HttpServletResponse) response;
            boolean answered = !out.isCommitted();
            LOG.log(Level.WARNING, "app '" + label + "': " + http.getMethod() + " " + http.getRequestURI()
                    + (answered ? " answered 500" : " failed after its answer had begun"), e);
            if (answered) {
                out.reset();
                out.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
        }
    }
}
