package io.dtrcoach.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
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
        return vertx.createHttpServer()
                .requestHandler(routes.apply(vertx))
                .listen(port, host)
                .onSuccess(s -> {
                    server = s;
                    LOG.debug("HTTP server listening on {}:{}", host, s.actualPort());
                });
    }

    public int actualPort() {
        return server.actualPort();
    }
}
