package io.dtrcoach.server.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed model call is worth another try, how long to wait before it, and how a failure is named in the
 * reply's incidents. Rate limits, server errors, timeouts and a broken transport or payload are retried, up to
 * {@link LlmConfig#maxRetries()} times, with exponential backoff and jitter, as long as the backoff fits in what is
 * left of the reply's total time.
 */
final class RetryPolicy {
    private static final long MAX_BACKOFF_MS = 4_000;

    private final LlmConfig config;

    RetryPolicy(LlmConfig config) {
        this.config = config;
    }

    /** Whether retry number {@code retries + 1} may go out, {@code backoff} ms from now with {@code remaining} ms left. */
    boolean allows(Throwable error, int retries, long backoff, long remaining) {
        return retryable(error) && retries < config.maxRetries() && remaining > backoff;
    }

    /** Exponential backoff with jitter (50–100% of the step) so that many reps do not retry in lockstep. */
    long backoffMillis(int retry) {
        long base = config.retryBackoff().toMillis();
        long step = Math.min(MAX_BACKOFF_MS, base << Math.min(10, retry - 1));
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    /** Worth another try: rate limits, server errors, timeouts, broken transport or payload. */
    static boolean retryable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) {
                int s = h.statusCode();
                return s == 408 || s == 429 || s >= 500;
            }
            if (t instanceof NonRetriableException) {
                return false;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return true;
    }

    /** A failure in a few words for the incidents and the logs: the HTTP status, or the exception and its message. */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) {
                return "HTTP " + h.statusCode();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String msg = error.getMessage();
        return error.getClass().getSimpleName() + (msg == null ? "" : ": " + abbreviate(msg));
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }
}
