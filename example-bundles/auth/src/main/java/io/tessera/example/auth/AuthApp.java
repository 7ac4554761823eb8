package io.tessera.example.auth;

import io.tessera.core.AppActivator;
import io.tessera.core.AppBundle;

/** Users and groups, the app the others point at, as {@code django.contrib.auth}. */
@AppBundle
public class AuthApp extends AppActivator {

    @Override
    public String label() {
        return "auth";
    }

    @Override
    public void ready() {
        System.out.println("[auth] ready: users and groups are available");
    }
}
