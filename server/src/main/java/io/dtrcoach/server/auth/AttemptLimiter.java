package io.dtrcoach.server.auth;

import io.dtrcoach.server.persistence.AttemptRepository;
import io.dtrcoach.server.persistence.AttemptRepository.Purpose;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The limits on guessing passwords, in the database so that they hold across every node of a cluster. An attempt is
 * counted before its password is checked (reserve, then judge): under its limits' bucket locks the recent attempts
 * are counted and, if there is room, the attempt's own row is written, so N guesses sent at once cost N attempts and
 * at most the limit of them are ever judged. A success then clears its account's attempts; a failure's row stays
 * for the window.
 * <ul>
 *   <li>login: per account (the username given) and per client address; an attempt whose name cannot be an
 *       account's counts for the address alone.</li>
 *   <li>changing one's own password: per account only, so wrong current passwords lock neither the address's
 *       logins nor the account's.</li>
 * </ul>
 */
public final class AttemptLimiter {
    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[0-9A-Za-z:.%_-]{1,100}");

    private final AttemptRepository attempts;
    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;

    public AttemptLimiter(AttemptRepository attempts, int maxPerAccount, int maxPerAddress, Duration window) {
        this.attempts = attempts;
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /**
     * Counts a login attempt and reserves its row, or refuses it. The caller's transaction must commit before the
     * password is checked: that commit is what makes the attempt count for everyone else.
     *
     * @param account the username given, when it could be an account's
     * @return the attempt's id, for {@link #succeeded}
     * @throws TooManyAttempts when the account or the address has used up its attempts within the window
     */
    long reserveLogin(Connection c, Optional<String> account, String address, long now) throws SQLException {
        String where = addressKey(address);
        lock(c, account.map(a -> "login/account/" + a), Optional.of("login/address/" + where));
        long since = now - window.toMillis();
        if ((account.isPresent() && attempts.countForUsername(c, Purpose.login, account.get(), since) >= maxPerAccount)
                || attempts.countForAddress(c, Purpose.login, where, since) >= maxPerAddress) {
            throw new TooManyAttempts(window);
        }
        return attempts.insert(c, Purpose.login, account, where, now);
    }

    /** As {@link #reserveLogin}, for a signed-in user proving their current password: limited per account only. */
    long reservePasswordChange(Connection c, String username, String address, long now) throws SQLException {
        lock(c, Optional.of("password/account/" + username), Optional.empty());
        if (attempts.countForUsername(c, Purpose.password, username, now - window.toMillis()) >= maxPerAccount) {
            throw new TooManyAttempts(window);
        }
        return attempts.insert(c, Purpose.password, Optional.of(username), addressKey(address), now);
    }

    /** The attempt succeeded: it and the account's earlier attempts of the same kind stop counting. */
    void succeeded(Connection c, Purpose purpose, String username, long attemptId) throws SQLException {
        attempts.clearUpTo(c, purpose, username, attemptId);
    }

    /** Forgets attempts older than the window. */
    void purge(Connection c, long now) throws SQLException {
        attempts.deleteBefore(c, now - window.toMillis());
    }

    /** In ascending bucket order, so two attempts never wait for each other's second lock. */
    private void lock(Connection c, Optional<String> first, Optional<String> second) throws SQLException {
        TreeSet<Integer> buckets = new TreeSet<>();
        first.ifPresent(k -> buckets.add(bucket(k)));
        second.ifPresent(k -> buckets.add(bucket(k)));
        for (int b : buckets) {
            attempts.lockBucket(c, b);
        }
    }

    /** String.hashCode is specified, so every node puts a limit in the same bucket. */
    static int bucket(String limitKey) {
        return Math.floorMod(limitKey.hashCode(), AttemptRepository.BUCKETS);
    }

    /**
     * The address as stored: itself when it looks like one, else its SHA-256 (an address taken from a proxy's
     * header is whatever the proxy passed on, of any length and content).
     */
    static String addressKey(String address) {
        String a = address == null ? "" : address;
        return PLAIN_ADDRESS.matcher(a).matches() ? a : Tokens.sha256(a);
    }
}
