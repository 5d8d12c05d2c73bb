package io.dtrcoach.server.http;

import io.dtrcoach.server.MutableClock;
import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.TestScenarios;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.config.ServerConfig;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A real server in-process on H2 with a cast of users, and a client that speaks to it over HTTP. */
final class ApiFixture implements AutoCloseable {
    final Vertx vertx;
    final Database database;
    final Application app;
    final WebClient client;
    final Map<String, String> tokens = new LinkedHashMap<>();
    final Map<String, User> users = new LinkedHashMap<>();

    ApiFixture(Vertx vertx, Path dir) {
        this(vertx, dir, TestConfig.config(dir), TestScenarios.catalog("v1"));
    }

    ApiFixture(Vertx vertx, Path dir, ServerConfig config, ScenarioCatalog catalog) {
        this(vertx, TestDatabases.h2(dir), config, catalog);
    }

    /** On this database (closed with the fixture), e.g. PostgreSQL. */
    ApiFixture(Vertx vertx, Database database, ServerConfig config, ScenarioCatalog catalog) {
        this(vertx, database, config, TestParts.create(catalog, new MutableClock(Instant.now())));
    }

    /** With these parts (e.g. the real move classifier) on H2 in {@code dir}. */
    ApiFixture(Vertx vertx, Path dir, ServerConfig config, Application.Parts parts) {
        this(vertx, TestDatabases.h2(dir), config, parts);
    }

    ApiFixture(Vertx vertx, Database database, ServerConfig config, Application.Parts parts) {
        this.vertx = vertx;
        this.database = database;
        this.app = Application.start(vertx, database, config, parts).await();
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(app.port()));
        add("admin", Role.admin, null);
        add("rita", Role.rep, "east");
        add("rob", Role.rep, "east");
        add("tara", Role.trainer, null);
        add("mona", Role.manager, "east");
        add("omar", Role.manager, "west");
    }

    private void add(String name, Role role, String team) {
        users.put(name, app.users().create(new NewUser(name, "password-" + name, role, Optional.ofNullable(team))).await());
        tokens.put(name, login(name).getString("token"));
    }

    JsonObject login(String name) {
        HttpResponse<Buffer> r = client.post("/api/login").sendJsonObject(new JsonObject()
                .put("username", name).put("password", "password-" + name)).await();
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login of " + name + " gave " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonObject();
    }

    /** A request as this user ({@code null}: anonymous), with an optional JSON body. */
    HttpResponse<Buffer> call(String who, HttpMethod method, String path, JsonObject body) {
        HttpRequest<Buffer> req = client.request(method, path);
        if (who != null) {
            req.bearerTokenAuthentication(tokens.get(who));
        }
        return (body == null ? req.send() : req.sendJsonObject(body)).await();
    }

    HttpResponse<Buffer> raw(String who, HttpMethod method, String path, String body) {
        HttpRequest<Buffer> req = client.request(method, path).putHeader("Content-Type", "application/json");
        if (who != null) {
            req.bearerTokenAuthentication(tokens.get(who));
        }
        return req.sendBuffer(Buffer.buffer(body)).await();
    }

    String startSession(String who) {
        HttpResponse<Buffer> r = call(who, HttpMethod.POST, "/api/sessions", new JsonObject().put("scenario", TestScenarios.ID));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("start gave " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("id");
    }

    HttpResponse<Buffer> turn(String who, String session, String text) {
        return call(who, HttpMethod.POST, "/api/sessions/" + session + "/turns", new JsonObject().put("text", text));
    }

    @Override
    public void close() {
        client.close();
        app.close().await();
        database.close();
    }
}
