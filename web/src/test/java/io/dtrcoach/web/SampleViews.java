package io.dtrcoach.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;

/**
 * Representative view models for every page, read from {@code src/test/resources/views/<page>.json} (the
 * same shapes web/VIEWS.md documents), plus the signed-in user and CSRF token the server adds.
 */
final class SampleViews {

    static final String CSRF = "csrf-token-123";

    private SampleViews() {
    }

    static JsonObject page(String page) {
        JsonObject model = read(page);
        String role = switch (page) {
            case "team", "assignments" -> "manager";
            case "library", "preview" -> "trainer";
            case "admin" -> "admin";
            case "login" -> null;
            default -> "rep";
        };
        if (role != null) {
            model.put("user", user(role));
        }
        return model.put("csrf", CSRF).put("version", "0.1.0");
    }

    static JsonObject user(String role) {
        return switch (role) {
            case "manager" -> new JsonObject().put("id", "u-6").put("username", "maria").put("name", "Maria Ortiz")
                    .put("role", "manager").put("team", "Mid-market East");
            case "trainer" -> new JsonObject().put("id", "u-11").put("username", "tina").put("name", "Tina Trainer")
                    .put("role", "trainer");
            case "admin" -> new JsonObject().put("id", "u-1").put("username", "admin").put("name", "Ada Admin")
                    .put("role", "admin");
            default -> new JsonObject().put("id", "u-7").put("username", "sam").put("name", "Sam Rivera")
                    .put("role", "rep").put("team", "Mid-market East");
        };
    }

    static JsonObject read(String page) {
        try (InputStream in = SampleViews.class.getResourceAsStream("/views/" + page + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample view for " + page);
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HandlebarsTemplateEngine engine(Vertx vertx) {
        return WebTemplates.createEngine(vertx, false, ZoneId.of("UTC"));
    }

    static String render(HandlebarsTemplateEngine engine, String page, JsonObject model) {
        return render(engine, page, model.getMap());
    }

    static String render(HandlebarsTemplateEngine engine, String page, Map<String, Object> model) {
        return engine.render(model, WebTemplates.page(page)).await().toString(StandardCharsets.UTF_8);
    }
}
