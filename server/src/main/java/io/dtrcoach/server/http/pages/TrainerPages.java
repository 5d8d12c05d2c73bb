package io.dtrcoach.server.http.pages;

import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.state.ProspectState;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.dtrcoach.server.failure.InvalidInput;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The trainer's pages: the library with lint status, tests and coverage; the preview with its analysis panel. */
public final class TrainerPages {
    private final LibraryInspector inspector;
    private final Previews previews;
    private final ScenarioCatalog catalog;
    private final WorkerExecutor compute;
    private final Views views;
    private final Json json;
    private final PracticePages practice;

    TrainerPages(LibraryInspector inspector, Previews previews, ScenarioCatalog catalog, WorkerExecutor compute,
                 Views views, Json json, PracticePages practice) {
        this.inspector = inspector;
        this.previews = previews;
        this.catalog = catalog;
        this.compute = compute;
        this.views = views;
        this.json = json;
        this.practice = practice;
    }

    public void library(RoutingContext ctx) {
        Answer.when(ctx, compute.executeBlocking(() -> {
            catalog.reload();
            return inspector.inspect();
        }, false), model -> {
            model.put("active", "library");
            views.render(ctx, "library", model);
        });
    }

    /** Shows the preview named by {@code ?p=}, or starts a fresh one. */
    public void previewPage(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        String scenarioId = ctx.pathParam("id");
        String p = ctx.request().getParam("p");
        if (p == null || p.isBlank()) {
            Answer.when(ctx, previews.start(caller, scenarioId),
                    pv -> Views.redirect(ctx, "/trainer/scenarios/" + scenarioId + "/preview?p=" + pv.id));
            return;
        }
        Previews.Preview preview = previews.get(caller, p);
        ProspectState state = preview.state();
        List<Turn> turns = preview.turns();
        Map<String, Object> scenario = practice.scenarioCard(preview.engine.scenario());
        Map<String, Object> pv = new LinkedHashMap<>();
        pv.put("id", preview.id);
        pv.put("status", state.ended() ? "ended" : "open");
        pv.put("mode", "scripted");
        pv.put("turnsUsed", turns.size());
        pv.put("maxTurns", preview.engine.scenario().brief().maxTurns());
        pv.put("node", state.node());
        state.ending().ifPresent(e -> pv.put("ending", e));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("active", "library");
        model.put("scenario", scenario);
        model.put("preview", pv);
        model.put("opening", preview.opening);
        model.put("state", state.vars());
        model.put("turns", views.plain(turns));
        views.render(ctx, "preview", model);
    }

    public void restart(RoutingContext ctx) {
        String scenarioId = ctx.pathParam("id");
        Answer.when(ctx, previews.start(AuthHandler.caller(ctx), scenarioId),
                pv -> Views.redirect(ctx, "/trainer/scenarios/" + scenarioId + "/preview?p=" + pv.id));
    }

    /** The transcript the live script reads on load: JSON, or the page itself for a browser navigating here. */
    public void transcript(RoutingContext ctx) {
        Previews.Preview preview = previews.get(AuthHandler.caller(ctx), ctx.pathParam("pid"));
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            Views.redirect(ctx, "/trainer/scenarios/" + preview.engine.scenario().id() + "/preview?p=" + preview.id);
            return;
        }
        ProspectState state = preview.state();
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("status", state.ended() ? "ended" : "open");
        state.ending().ifPresent(e -> session.put("ending", e));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session", session);
        body.put("opening", preview.opening);
        body.put("turns", preview.turns().stream().map(t -> Map.of("number", t.number(), "rep", t.rep(),
                "reply", t.prospect(), "analysis", t)).toList());
        sendJson(ctx, body);
    }

    /** A preview turn: JSON for the script (with the analysis for the side panel), a redirect for a plain form. */
    public void turn(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        String pid = ctx.pathParam("pid");
        boolean isJson = String.valueOf(ctx.request().getHeader("Content-Type")).startsWith("application/json");
        String text;
        if (isJson) {
            try {
                JsonObject body = ctx.body().asJsonObject();
                text = body == null || !(body.getValue("text") instanceof String t) ? null : t;
            } catch (DecodeException e) {
                throw new InvalidInput("text", "send JSON: {\"text\": \"...\"}");
            }
        } else {
            text = PageAuth.form(ctx, "text");
        }
        Answer.when(ctx, previews.turn(caller, pid, text), (Step step) -> {
            if (!isJson) { // a form posted without the page script: back to the preview page itself
                Views.redirect(ctx, "/trainer/scenarios/" + previews.get(caller, pid).engine.scenario().id()
                        + "/preview?p=" + pid);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("turn", step.turn().number());
            body.put("reply", step.turn().prospect());
            body.put("ended", step.after().ended());
            step.after().ending().ifPresent(e -> body.put("ending", e));
            body.put("analysis", step.turn());
            body.put("state", step.after().vars());
            sendJson(ctx, body);
        });
    }

    private void sendJson(RoutingContext ctx, Object body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json.write(body));
    }
}
