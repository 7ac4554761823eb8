package io.tessera.web.internal.admin;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Everything under {@code /tessera}: the page and its files, and the JSON API under
 * {@code /tessera/api/}. Every response carries a content security policy that lets the page load
 * only its own files and talk only to this server, {@code X-Content-Type-Options: nosniff}, and
 * headers that keep it out of frames and referrers.
 */
final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final transient ApiRoutes api;
    private final transient PageResources page;

    AdminServlet(ApiRoutes api, PageResources page) {
        this.api = api;
        this.page = page;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.isEmpty()) {
            response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
            return;
        }
        String rest = path.substring(1);
        if (rest.equals("api") || rest.startsWith("api/")) {
            String sub = rest.length() <= 4 ? "" : rest.substring(4);
            api.handle(sub.endsWith("/") ? sub.substring(0, sub.length() - 1) : sub, request, response);
            return;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Json.error(response, new Json.Refused(405, "The admin page takes GET, not " + method + ".",
                    Map.of("Allow", "GET, HEAD"), List.of()));
        } else if (!page.serve(rest, response)) {
            Json.error(response, new Json.Refused(404, "No such file of the admin page: '" + path
                    + "'. The page is /tessera/, its API /tessera/api/."));
        }
    }
}
