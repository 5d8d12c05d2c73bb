package io.dtrcoach.server.http.pages;

import io.dtrcoach.core.conversation.ScenarioTestRunner;
import io.dtrcoach.core.scenario.ScenarioLibrary;
import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.authoring.Authoring;
import io.dtrcoach.server.authoring.NoScenariosFolder;
import io.dtrcoach.server.authoring.ScenarioHasErrors;
import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainer's scenario editor: the text in the page, the server's lint and the scenario's own tests on it as
 * typed (JSON for the page's script), the scenario JSON Schema its completion reads, and publishing into the
 * scenarios folder (a plain form).
 */
public final class AuthoringPages {
    /** The schema the loader is checked against, served as it is on the classpath (never a copy). */
    static final String SCHEMA = ScenarioLibrary.CLASSPATH_ROOT + "schema/dtr-scenario-1.json";

    private final Authoring authoring;
    private final Views views;
    private final Json json;
    private final Buffer schema;

    AuthoringPages(Authoring authoring, Views views, Json json) {
        this.authoring = authoring;
        this.views = views;
        this.json = json;
        this.schema = classpathSchema();
    }

    /** The scenario JSON Schema, for the editor's completion. */
    public void schema(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/schema+json; charset=utf-8")
                .putHeader("Cache-Control", "private, max-age=300").end(schema);
    }

    private static Buffer classpathSchema() {
        try (InputStream in = AuthoringPages.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("The scenario schema " + SCHEMA + " is not on the classpath");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the scenario schema " + SCHEMA, e);
        }
    }

    public void edit(RoutingContext ctx) {
        Answer.when(ctx, authoring.draft(ctx.pathParam("id")), d -> render(ctx, 200, d, false, Map.of()));
    }

    /** "New scenario": the editor on a copy of an existing one, under a fresh id. */
    public void copy(RoutingContext ctx) {
        Answer.when(ctx, authoring.copy(ctx.pathParam("id")), d -> render(ctx, 200, d, true, Map.of()));
    }

    /** Where reps' conversations in this scenario end, which nodes none reaches, what they miss most. */
    public void funnel(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Answer.when(ctx, authoring.funnel(id, json), f -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("active", "library");
            model.put("scenarioId", id);
            model.put("funnel", views.plain(f));
            views.render(ctx, "funnel", model);
        });
    }

    public void lint(RoutingContext ctx) {
        Draft body = draft(ctx);
        Answer.when(ctx, authoring.lint(body.file(), body.text()),
                problems -> send(ctx, Map.of("problems", problems(problems))));
    }

    public void tests(RoutingContext ctx) {
        Draft body = draft(ctx);
        Answer.when(ctx, authoring.test(body.file(), body.text()), checked -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("problems", problems(checked.problems()));
            checked.tests().ifPresent(t -> out.put("tests", tests(t)));
            send(ctx, out);
        });
    }

    public void publish(RoutingContext ctx) {
        String text = PageAuth.form(ctx, "text");
        boolean anyway = "yes".equals(PageAuth.form(ctx, "anyway"));
        boolean isNew = "yes".equals(PageAuth.form(ctx, "new"));
        String file = PageAuth.form(ctx, "file");
        Authoring.Draft typed = new Authoring.Draft(ctx.pathParam("id"), file, Authoring.normalize(text),
                authoring.directory().isPresent());
        if (text.isBlank()) {
            render(ctx, 400, typed, isNew, Map.of("error", "The scenario is empty; nothing was published."));
            return;
        }
        Answer.when(ctx, authoring.publish(AuthHandler.caller(ctx), text, anyway), p -> {
            Map<String, Object> published = new LinkedHashMap<>();
            published.put("file", p.file());
            p.commit().ifPresent(c -> published.put("commit", c));
            published.put("anyway", p.anyway());
            published.put("tests", tests(p.tests()));
            p.hidden().ifPresent(h -> published.put("hidden", h));
            render(ctx, 200, new Authoring.Draft(p.scenarioId(), p.file(), typed.text(), true), false,
                    Map.of("published", published));
        }, failure -> {
            if (failure instanceof ScenarioHasErrors e) {
                render(ctx, 422, typed, isNew, Map.of("error", "The scenario has errors; nothing was published.",
                        "problems", problems(e.problems())));
            } else if (failure instanceof NoScenariosFolder e) {
                render(ctx, 409, typed, isNew, Map.of("error", e.getMessage()));
            } else {
                ctx.fail(failure);
            }
        });
    }

    private void render(RoutingContext ctx, int status, Authoring.Draft d, boolean isNew, Map<String, Object> extra) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("active", "library");
        model.put("scenarioId", d.scenarioId());
        model.put("file", d.file());
        model.put("text", d.text());
        model.put("isNew", isNew);
        model.put("canPublish", d.canPublish());
        authoring.directory().ifPresent(dir -> model.put("directory", dir.toString()));
        model.putAll(extra);
        views.render(ctx, status, "edit", model);
    }

    private record Draft(String file, String text) {
    }

    private static Draft draft(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException e) {
            throw new InvalidInput("text", "send JSON: {\"text\": \"...\"}");
        }
        if (body == null || !(body.getValue("text") instanceof String text)) {
            throw new InvalidInput("text", "send JSON: {\"text\": \"...\"}");
        }
        String file = body.getValue("file") instanceof String f && !f.isBlank() ? f : ctx.pathParam("id") + ".yaml";
        return new Draft(file, text);
    }

    private static List<Map<String, Object>> problems(List<Problem> problems) {
        return problems.stream().map(p -> Map.<String, Object>of("location", p.location().toString(),
                "line", p.location().line(), "column", p.location().column(),
                "severity", p.severity().name(), "message", p.message())).toList();
    }

    private static Map<String, Object> tests(ScenarioTestRunner.Summary s) {
        return Map.of("total", s.results().size(), "failed", s.failedCount(), "passed", s.passed(),
                "results", s.results().stream().map(r -> Map.of("name", r.name(), "passed", r.passed(),
                        "failures", r.failures().stream().map(f -> Map.of("location", f.location().toString(),
                                "message", f.message())).toList())).toList());
    }

    private void send(RoutingContext ctx, Object body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json.write(body));
    }
}
