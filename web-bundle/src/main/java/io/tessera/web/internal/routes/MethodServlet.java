package io.tessera.web.internal.routes;

import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.tessera.web.Handler;

/**
 * The servlet behind one route pattern: hands each request to the {@link Handler} declared for its
 * method (HEAD goes to GET's); a method no handler was declared for gets {@code 405} with an
 * {@code Allow} header, OPTIONS gets {@code 204} with it. Handlers are added before the servlet is
 * registered and never after, so requests only read the map.
 */
final class MethodServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final Map<String, Handler> byMethod = new ConcurrentHashMap<>();

    /** Adds the handler of {@code method}; false if the method already has one. */
    boolean add(String method, Handler handler) {
        return byMethod.putIfAbsent(method, handler) == null;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String method = request.getMethod();
        Handler handler = byMethod.get(method);
        if (handler == null && method.equals("HEAD")) {
            handler = byMethod.get("GET");
        }
        if (handler != null) {
            handler.handle(request, response);
            return;
        }
        response.setHeader("Allow", allowed());
        if (method.equals("OPTIONS")) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, method + " is not a method of this route; it takes "
                    + allowed());
        }
    }

    private String allowed() {
        TreeSet<String> methods = new TreeSet<>(byMethod.keySet());
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }
}
