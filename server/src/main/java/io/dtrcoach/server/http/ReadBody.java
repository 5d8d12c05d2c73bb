package io.dtrcoach.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The chain step that reads a request's body (at most {@link #LIMIT}; over that, 413) and marks the request while it
 * does. A form body is decoded by the HTTP layer as it arrives, and its decoder reports some broken bodies (a bad
 * %-escape in a field's name, a field over the limit) as a bare IllegalArgumentException or IOException rather than a
 * DecoderException; a failure that arrives while the body is still being read is the client's body all the same,
 * and the failure handler answers it 400 ({@link #failedReading}).
 */
public final class ReadBody implements Handler<RoutingContext> {
    public static final long LIMIT = 64 * 1024;
    private static final String READING = "dtr.reading-body";

    private final BodyHandler body = BodyHandler.create().setBodyLimit(LIMIT).setHandleFileUploads(false)
            .setDeleteUploadedFilesOnEnd(true);

    @Override
    public void handle(RoutingContext ctx) {
        ctx.put(READING, Boolean.TRUE);
        body.handle(ctx);
    }

    /** Whether the request failed after this step began reading its body and before the body was read. */
    static boolean failedReading(RoutingContext ctx) {
        return Boolean.TRUE.equals(ctx.get(READING)) && (ctx.body() == null || ctx.body().buffer() == null);
    }
}
