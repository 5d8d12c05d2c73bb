package io.dtrcoach.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The yardstick: a plain Vert.x HTTP server, one verticle like the real one, that reads the request body and
 * answers a fixed turn-shaped JSON reply without doing any work. Run as its own process
 * ({@code java -cp dtr.jar io.dtrcoach.server.bench.NoopServer PORT}) so it has a JVM of its own, like the server.
 */
public final class NoopServer {
    static final String READY = "noop listening on ";
    private static final String REPLY = "{\"turn\":1,\"reply\":\"Sure.\",\"ended\":false}";

    private NoopServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Vertx vertx = Vertx.vertx();
        HttpServer server = start(vertx, "127.0.0.1", port).await();
        System.out.println(READY + server.actualPort());
    }

    static Future<HttpServer> start(Vertx vertx, String host, int port) {
        return vertx.createHttpServer()
                .requestHandler(req -> req.body().onComplete(body -> req.response()
                        .putHeader("Content-Type", "application/json")
                        .end(REPLY)))
                .listen(port, host);
    }
}
