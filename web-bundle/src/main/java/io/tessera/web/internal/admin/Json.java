package io.tessera.web.internal.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * JSON in and out of the admin API: responses written with Jackson, errors as
 * {@code {"status":404,"error":"Not Found","message":"No app with label 'blgo'. Did you mean 'blog'?"}},
 * and request bodies read with a size limit and checked field by field. Thread-safe.
 */
final class Json {

    /** The largest request body the API reads, in bytes. */
    static final int MAX_BODY = 16 * 1024;

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A request the API refuses, with the status and the message an operator reads. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient Map<String, String> headers;
        final transient List<String> suggestions;

        Refused(int status, String message) {
            this(status, message, Map.of(), List.of());
        }

        Refused(int status, String message, Map<String, String> headers, List<String> suggestions) {
            super(message, null, false, false);
            this.status = status;
            this.headers = headers;
            this.suggestions = suggestions;
        }
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    static void write(HttpServletResponse response, int status, Object value) throws IOException {
        byte[] body = bytes(value);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static void error(HttpServletResponse response, Refused refused) throws IOException {
        refused.headers.forEach(response::setHeader);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", refused.status);
        body.put("error", reasonPhrase(refused.status));
        body.put("message", refused.getMessage());
        if (!refused.suggestions.isEmpty()) {
            body.put("suggestions", refused.suggestions);
        }
        write(response, refused.status, body);
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    /**
     * The request's body as a JSON object whose field names are all in {@code allowed}; an empty
     * body is an empty object.
     *
     * @throws Refused 413 when it is longer than {@link #MAX_BODY}, 415 when it is not declared
     *         {@code application/json}, 400 saying what is wrong when it is not such an object
     */
    static ObjectNode body(HttpServletRequest request, Set<String> allowed, String example) throws IOException, Refused {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY) {
            throw tooLarge(declared + " bytes");
        }
        byte[] bytes = readAtMost(request.getInputStream(), MAX_BODY);
        if (bytes.length > MAX_BODY) {
            throw tooLarge("more than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            return MAPPER.createObjectNode();
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Refused(415, "The request body must be JSON, sent with 'Content-Type: application/json'"
                    + (type == null ? " (none was given)" : " (not '" + type + "')") + ", such as " + example + ".");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Refused(400, "The request body is not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ". Send a JSON object such as " + example + ".");
        }
        if (node == null || node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw new Refused(400, "The request body must be a JSON object such as " + example + ", not "
                    + article(node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + ".");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Refused(400, "The request body has an unknown field '" + name + "'; "
                        + (allowed.isEmpty() ? "this request takes none" : "it takes " + String.join(", ", allowed.stream()
                                .map(a -> "'" + a + "'").toList())) + ", as in " + example + ".");
            }
        }
        return (ObjectNode) node;
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static Refused tooLarge(String size) {
        return new Refused(413, "The request body is too large (" + size + "); the API reads at most " + MAX_BODY
                + " bytes.");
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; out.size() <= max && (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
