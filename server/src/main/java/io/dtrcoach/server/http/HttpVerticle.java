package io.dtrcoach.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/** One HTTP server on the configured address; deploy several instances to use every core. */
public final class HttpVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

    private final Function<io.vertx.core.Vertx, Router> routes;
    private final String host;
    private final int port;
    private HttpServer server;

    public HttpVerticle(Function<io.vertx.core.Vertx, Router> routes, String host, int port) {
        this.routes = routes;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        // A form field may be as long as a whole body (BodyHandler's limit answers 413 beyond that): at the default
        // 8 KiB a long turn or an oversized login field typed into a page failed inside the form decoder, a 500.
        return vertx.createHttpServer(new HttpServerOptions().setMaxFormAttributeSize((int) ReadBody.LIMIT))
                .requestHandler(routes.apply(vertx))
                .invalidRequestHandler(HttpVerticle::invalidRequest)
                .listen(port, host)
                .onSuccess(s -> {
                    server = s;
                    LOG.debug("HTTP server listening on {}:{}", host, s.actualPort());
                });
    }

    /**
     * A request the HTTP codec could not decode (a header or request line too long, a malformed head) never
     * reaches the router; it still gets a JSON error, like every other refusal, and the connection is closed.
     */
    static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            message = "the request line is too long";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            message = "the request headers are too large";
        } else {
            status = 400;
            message = "malformed HTTP request";
        }
        request.response().setStatusCode(status).putHeader("Content-Type", Replies.JSON)
                .putHeader("Connection", "close").end(new JsonObject().put("error", message).encode())
                .onComplete(v -> request.connection().close());
    }

    public int actualPort() {
        return server.actualPort();
    }
}
