package io.dtrcoach.server.auth;

import io.vertx.ext.auth.hashing.HashingStrategy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Salted PBKDF2 (HMAC-SHA512) through vertx-auth-common. Slow on purpose: call it from a worker. The stored
 * string carries algorithm, iterations and salt, so raising the iteration count later keeps old hashes valid.
 */
public final class PasswordHasher {
    private final HashingStrategy strategy = HashingStrategy.load();
    private final SecureRandom random;
    private final int iterations;

    public PasswordHasher(SecureRandom random, int iterations) {
        this.random = random;
        this.iterations = iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return strategy.hash("pbkdf2", Map.of("it", Integer.toString(iterations)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(salt), password);
    }

    public boolean verify(String storedHash, String password) {
        return strategy.verify(storedHash, password);
    }
}
