package io.tessera.web.internal.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

import io.tessera.web.Handler;
import io.tessera.web.Routes;

/**
 * The routes one app declared in one {@link io.tessera.web.WebApp#routes} call, checked as they
 * are declared: a bad pattern or a method and pattern declared twice throws
 * {@link IllegalArgumentException} with what to write instead. Handlers of one pattern share one
 * {@link MethodServlet}. Used by one thread, during the call; read afterwards.
 */
final class RouteTable implements Routes {

    /** One thing to put on the whiteboard: a servlet or filter on a pattern, or resources. */
    record Entry(String pattern, Servlet servlet, Filter filter, String resourcePrefix) {
    }

    /** {@code /a/b}, {@code /a/*}, {@code /}, {@code *.ext}, or the empty string. */
    private static final Pattern VALID = Pattern.compile("|/|(/[^*?#\\s]+?)(/\\*)?|/\\*|\\*\\.[A-Za-z0-9_-]+");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    private final String contextSelect;
    private final Map<String, MethodServlet> handlers = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<String> patterns = new ArrayList<>();

    RouteTable(String contextSelect) {
        this.contextSelect = contextSelect;
    }

    @Override
    public Routes get(String pattern, Handler handler) {
        return method("GET", pattern, handler);
    }

    @Override
    public Routes post(String pattern, Handler handler) {
        return method("POST", pattern, handler);
    }

    @Override
    public Routes method(String method, String pattern, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        String m = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(m).matches()) {
            throw new IllegalArgumentException("route method '" + method + "' is not an HTTP method: write GET, POST, PUT,"
                    + " DELETE or another token of letters");
        }
        check(pattern);
        MethodServlet servlet = handlers.get(pattern);
        if (servlet == null) {
            claimPattern(pattern);
            servlet = new MethodServlet();
            handlers.put(pattern, servlet);
            entries.add(new Entry(pattern, servlet, null, null));
        }
        if (!servlet.add(m, handler)) {
            throw new IllegalArgumentException("route " + m + " '" + pattern + "' is declared twice: keep one of them");
        }
        return this;
    }

    @Override
    public Routes servlet(String pattern, Servlet servlet) {
        Objects.requireNonNull(servlet, "servlet");
        check(pattern);
        claimPattern(pattern);
        entries.add(new Entry(pattern, servlet, null, null));
        return this;
    }

    @Override
    public Routes filter(String pattern, Filter filter) {
        Objects.requireNonNull(filter, "filter");
        check(pattern);
        entries.add(new Entry(pattern, null, filter, null));
        return this;
    }

    @Override
    public Routes resources(String pattern, String prefix) {
        check(pattern);
        if (prefix == null || !prefix.startsWith("/")) {
            throw new IllegalArgumentException("resources prefix '" + prefix + "' must be a folder of the bundle starting"
                    + " with '/', such as '/static'");
        }
        claimPattern(pattern);
        entries.add(new Entry(pattern, null, null, prefix.length() > 1 && prefix.endsWith("/")
                ? prefix.substring(0, prefix.length() - 1) : prefix));
        return this;
    }

    @Override
    public String contextSelect() {
        return contextSelect;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    private void claimPattern(String pattern) {
        if (patterns.contains(pattern)) {
            throw new IllegalArgumentException("route '" + pattern + "' is declared twice (as a servlet, resources or"
                    + " handlers): keep one of them");
        }
        patterns.add(pattern);
    }

    private static void check(String pattern) {
        if (pattern == null || !VALID.matcher(pattern).matches()) {
            throw new IllegalArgumentException("route pattern '" + pattern + "' is not a servlet pattern: write '/path',"
                    + " '/path/*', '*.ext', '/' (everything else of the app) or \"\" (the app's root only)");
        }
    }
}
