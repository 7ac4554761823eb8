package io.tessera.web.internal.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The credential every change through the admin API needs: a token kept in a file (by default
 * {@code etc/io.tessera.web.token} in the runtime's home) readable by its owner only. On the first
 * start it is generated (32 random bytes, URL-safe Base64) and printed once on the console; an
 * operator may write a token of their own into the file at any time (it is read again on every
 * change request). The token is never logged.
 *
 * <p>A change request carries it as {@code Authorization: Bearer <token>}. A browser never sends
 * that header by itself, so a cross-site page cannot make a change in the operator's name; and a
 * request whose {@code Origin} is not this server's is refused as well. Thread-safe.
 */
final class AdminToken {

    static final String FILE_NAME = "io.tessera.web.token";
    /** A framework property naming the token file, instead of the default. */
    static final String FILE_PROPERTY = "tessera.web.token.file";
    private static final int MIN_LENGTH = 16;

    private final Path file;

    private AdminToken(Path file) {
        this.file = file;
    }

    /**
     * The token in {@code file}, generated and printed once if the file does not exist. Problems
     * (cannot write it, readable by others) are printed as one line and leave changes refused or
     * the token in use.
     */
    static AdminToken open(Path file) {
        AdminToken token = new AdminToken(file);
        if (!Files.exists(file)) {
            token.generate();
        } else {
            token.warnIfShared();
        }
        return token;
    }

    Path file() {
        return file;
    }

    private void generate() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
            return; // another start wrote it first: that one printed it
        } catch (IOException e) {
            System.err.println("Tessera web: cannot write the admin token to " + file + " (" + e
                    + "): the admin page and API refuse every change until the file holds a token");
            return;
        }
        // printed once, on purpose: the operator needs it, and it is never written anywhere else
        System.out.println("Tessera web: admin token generated into " + file + " (shown only this once): " + value);
    }

    private void warnIfShared() {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            p.retainAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
            if (!p.isEmpty()) {
                System.err.println("Tessera web: the admin token file " + file + " can be read or written by other users:"
                        + " run 'chmod 600 " + file + "'");
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system, or unreadable: the check below says so when a change comes
        }
    }

    /**
     * Lets a change request through, or says why not.
     *
     * @throws Json.Refused 401 without credentials, 403 with wrong ones or from another origin, 503
     *         when there is no usable token
     */
    void check(HttpServletRequest request) throws Json.Refused {
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals(ownOrigin(request))) {
            throw new Json.Refused(403, "Cross-site request refused: its Origin '" + origin
                    + "' is not this server's (" + ownOrigin(request) + ").");
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Json.Refused(401, "This change needs the admin token: send 'Authorization: Bearer <token>'"
                    + " with the token from " + file + ".", Map.of("WWW-Authenticate", "Bearer realm=\"tessera\""),
                    java.util.List.of());
        }
        String expected = read();
        String given = header.substring(7).trim();
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new Json.Refused(403, "Wrong admin token: use the one in " + file + ".");
        }
    }

    private String read() throws Json.Refused {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new Json.Refused(503, "Changes are refused: the admin token file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "); write a token of at least " + MIN_LENGTH + " characters into it.");
        }
        if (value.length() < MIN_LENGTH) {
            throw new Json.Refused(503, "Changes are refused: the admin token in " + file + " is shorter than "
                    + MIN_LENGTH + " characters; write a longer one.");
        }
        return value;
    }

    private static String ownOrigin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return request.getScheme() + "://" + (host != null ? host : request.getServerName() + ":" + request.getServerPort());
    }
}
