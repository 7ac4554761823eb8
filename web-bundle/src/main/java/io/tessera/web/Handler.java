package io.tessera.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.annotation.versioning.ConsumerType;

/** One route's answer to one request: a servlet's {@code service} in a lambda. Called on Jetty's threads, concurrently. */
@ConsumerType
@FunctionalInterface
public interface Handler {
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
}
