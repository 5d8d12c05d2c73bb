package io.dtrcoach.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session keeps the team it was recorded under: when a rep moves team, the old manager keeps reviewing what
 * happened on their watch, and the new manager sees the sessions recorded after the move.
 */
@ExtendWith(VertxExtension.class)
class TeamMoveTest {
    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start(Vertx vertx) {
        api = new ApiFixture(vertx, dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String endedSession(String who) {
        String id = api.startSession(who);
        api.turn(who, id, "Can you sign by Friday?");
        api.call(who, HttpMethod.POST, "/api/sessions/" + id + "/end", null);
        return id;
    }

    private List<String> listed(String who) {
        return api.call(who, HttpMethod.GET, "/api/sessions", null).bodyAsJsonObject().getJsonArray("sessions")
                .stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    private int override(String who, String session) {
        return api.call(who, HttpMethod.POST, "/api/sessions/" + session + "/overrides", new JsonObject()
                .put("dimension", "pressure").put("score", 80).put("reason", "reviewed by " + who)).statusCode();
    }

    @Test
    void should_leave_past_sessions_with_the_old_team_and_give_new_ones_to_the_new_team() {
        String before = endedSession("rita");
        HttpResponse<Buffer> moved = api.call("admin", HttpMethod.PATCH, "/api/users/" + api.users.get("rita").id(),
                new JsonObject().put("team", "west"));
        assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
        String after = endedSession("rita");

        // the old manager: the past session, not the new one
        assertThat(api.call("mona", HttpMethod.GET, "/api/sessions/" + before, null).statusCode()).isEqualTo(200);
        assertThat(override("mona", before)).isEqualTo(201);
        assertThat(api.call("mona", HttpMethod.GET, "/api/sessions/" + after, null).statusCode()).isEqualTo(404);
        assertThat(override("mona", after)).isEqualTo(404);
        assertThat(listed("mona")).contains(before).doesNotContain(after);

        // the new manager: the new session, not the past one
        assertThat(api.call("omar", HttpMethod.GET, "/api/sessions/" + after, null).statusCode()).isEqualTo(200);
        assertThat(override("omar", after)).isEqualTo(201);
        assertThat(api.call("omar", HttpMethod.GET, "/api/sessions/" + before, null).statusCode()).isEqualTo(404);
        assertThat(override("omar", before)).isEqualTo(404);
        assertThat(listed("omar")).contains(after).doesNotContain(before);

        // the rep sees both, each under the team it was recorded under
        JsonObject transcript = api.call("rita", HttpMethod.GET, "/api/sessions/" + before, null).bodyAsJsonObject();
        assertThat(transcript.getJsonObject("session").getString("team")).isEqualTo("east");
        assertThat(api.call("rita", HttpMethod.GET, "/api/sessions/" + after, null).bodyAsJsonObject()
                .getJsonObject("session").getString("team")).isEqualTo("west");
        assertThat(listed("rita")).contains(before, after);
    }
}
