package io.dtrcoach.server.http;

import io.dtrcoach.server.TestScenarios;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's user pages over HTTP: who may reach each route (the page routes' part of the access matrix; the API's
 * is {@link ApiAccessMatrixTest}), inline form errors, the all-or-nothing CSV import, and deleting only accounts
 * without history.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesTest {
    private static final List<String> WHO = Arrays.asList(null, "rita", "tara", "mona", "admin");

    private ApiFixture api;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
        api = new ApiFixture(vertx, dir);
        String id = api.startSession("rita");
        api.turn("rita", id, "How has the quarter been?");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private record Row(HttpMethod method, String path, String form, int... expected) {
    }

    @TestFactory
    List<DynamicTest> every_admin_page_route_answers_every_role_with_the_right_status() {
        long rob = api.users.get("rob").id();
        List<Row> rows = List.of(
                new Row(HttpMethod.GET, "/admin/users", null, 303, 403, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/users/" + rob, null, 303, 403, 403, 403, 200),
                new Row(HttpMethod.GET, "/admin/users/999999", null, 303, 403, 403, 403, 404),
                new Row(HttpMethod.POST, "/admin/users/" + rob, "role=rep&team=&displayName=Rob&email=", 303, 403, 403, 403, 400),
                new Row(HttpMethod.POST, "/admin/users/import", "csv=username%2Crole", 303, 403, 403, 403, 400),
                new Row(HttpMethod.POST, "/admin/users/999999/delete", "", 303, 403, 403, 403, 404),
                new Row(HttpMethod.GET, "/team", null, 303, 403, 403, 200, 200),
                new Row(HttpMethod.GET, "/trainer/scenarios", null, 303, 403, 200, 403, 200),
                new Row(HttpMethod.GET, "/trainer/scenarios/" + TestScenarios.ID + "/edit", null, 303, 403, 200, 403, 200),
                new Row(HttpMethod.GET, "/trainer/schema/dtr-scenario-1.json", null, 303, 403, 200, 403, 200),
                new Row(HttpMethod.GET, "/trainer/scenarios/no-such-scenario/edit", null, 303, 403, 404, 403, 404),
                new Row(HttpMethod.GET, "/trainer/scenarios/" + TestScenarios.ID + "/copy", null, 303, 403, 200, 403, 200),
                new Row(HttpMethod.GET, "/trainer/scenarios/" + TestScenarios.ID + "/funnel", null, 303, 403, 200, 403, 200),
                new Row(HttpMethod.POST, "/trainer/scenarios/" + TestScenarios.ID + "/lint", "text=x", 303, 403, 400, 403, 400),
                new Row(HttpMethod.POST, "/trainer/scenarios/" + TestScenarios.ID + "/tests", "text=x", 303, 403, 400, 403, 400),
                new Row(HttpMethod.POST, "/trainer/scenarios/" + TestScenarios.ID + "/publish", "text=", 303, 403, 400, 403, 400));
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < WHO.size(); i++) {
                String who = WHO.get(i);
                int expected = row.expected()[i];
                tests.add(DynamicTest.dynamicTest(row.method() + " " + row.path() + " as " + who + " -> " + expected,
                        () -> {
                            HttpResponse<Buffer> r = page(who, row.method(), row.path(), row.form());
                            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(expected);
                            if (expected >= 400) {
                                assertThat(r.getHeader("Content-Type")).startsWith("text/html");
                            }
                        }));
            }
        }
        return tests;
    }

    @Test
    void should_refuse_to_publish_plainly_when_the_server_has_no_scenarios_folder_and_keep_the_text_escaped() {
        HttpResponse<Buffer> r = page("tara", HttpMethod.POST, "/trainer/scenarios/" + TestScenarios.ID + "/publish",
                "text=" + enc("id: x\ntitle: \"<script>alert(1)</script>\"\n"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.bodyAsString()).contains("This server has no scenarios folder, so nothing can be published")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void should_show_the_trainer_where_reps_sessions_in_a_scenario_end() {
        HttpResponse<Buffer> r = page("tara", HttpMethod.GET, "/trainer/scenarios/" + TestScenarios.ID + "/funnel", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).contains("data-endings").contains("Not finished").contains("data-nodes")
                .contains("data-missed").doesNotContain("No practice sessions yet");
    }

    @Test
    void should_answer_the_linters_errors_with_line_and_column_for_the_typed_text() {
        HttpResponse<Buffer> ok = json("tara", "/trainer/scenarios/" + TestScenarios.ID + "/lint",
                new JsonObject().put("text", "schema: dtr-scenario/1\nid: [unclosed\n"));
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonObject first = ok.bodyAsJsonObject().getJsonArray("problems").getJsonObject(0);
        assertThat(first.getString("severity")).isEqualTo("error");
        assertThat(first.getInteger("line")).isGreaterThanOrEqualTo(2);
        assertThat(first.getInteger("column")).isPositive();
    }

    private HttpResponse<Buffer> json(String who, String path, JsonObject body) {
        JsonObject login = api.login(who);
        return api.client.request(HttpMethod.POST, path).followRedirects(false)
                .putHeader("Cookie", AuthHandler.COOKIE + "=" + login.getString("token"))
                .putHeader("X-CSRF-Token", login.getString("csrfToken"))
                .sendJsonObject(body).await();
    }

    @Test
    void should_keep_what_was_typed_and_say_a_taken_username_beside_the_field() {
        HttpResponse<Buffer> r = page("admin", HttpMethod.POST, "/admin/users",
                "username=rita&password=long-enough-1&role=rep&team=" + teamId("east")
                        + "&displayName=" + enc("Rita <b>Two</b>") + "&email=rita2%40example.com");
        assertThat(r.statusCode()).isEqualTo(409);
        String html = r.bodyAsString();
        assertThat(html).contains("id=\"nu-username-error\"").contains("The username &#x27;rita&#x27; is taken")
                .doesNotContain("Already done").doesNotContain("That didn't work");
        assertThat(html).contains("value=\"rita\"").contains("value=\"rita2@example.com\"")
                .as("typed markup comes back escaped").contains("Rita &lt;b&gt;Two&lt;/b&gt;").doesNotContain("<b>Two");

        HttpResponse<Buffer> noTeam = page("admin", HttpMethod.POST, "/admin/users",
                "username=newbie&password=long-enough-1&role=rep&team=");
        assertThat(noTeam.statusCode()).isEqualTo(400);
        assertThat(noTeam.bodyAsString()).contains("id=\"nu-team-error\"").contains("A rep must belong to a team")
                .contains("value=\"newbie\"");
    }

    @Test
    void should_import_nothing_when_any_line_is_bad_and_say_every_bad_line() {
        String csv = String.join("\n",
                "username,role,team,display_name,email,password",
                "ann,rep,north,Ann Lee,ann@example.com,",
                "bad name,rep,north,,,",
                "cal,rep,,,,",
                "rita,rep,east,,,",
                "ann,manager,north,,,");
        HttpResponse<Buffer> r = page("admin", HttpMethod.POST, "/admin/users/import", "csv=" + enc(csv));
        assertThat(r.statusCode()).isEqualTo(400);
        String html = r.bodyAsString();
        assertThat(html).contains("Nothing was imported").contains("Line 3:").contains("Line 4: A rep must belong to a team")
                .contains("Line 5: The username &#x27;rita&#x27; is taken")
                .contains("Line 6: The username &#x27;ann&#x27; is also on line 2").doesNotContain("Line 2:");
        assertThat(adminList()).doesNotContain("\"ann\"").doesNotContain("north");

        // the database's check comes in the transaction: a taken name refuses the whole file too
        String taken = "username,role,team\nann,rep,north\nrita,rep,east\n";
        HttpResponse<Buffer> t = page("admin", HttpMethod.POST, "/admin/users/import", "csv=" + enc(taken));
        assertThat(t.bodyAsString()).contains("Line 3: The username &#x27;rita&#x27; is taken");
        assertThat(adminList()).doesNotContain("\"ann\"").doesNotContain("north");

        String good = "username,role,team,display_name,email,password\n"
                + "ann,rep,north,\"Lee, Ann\",ann@example.com,\n"
                + "ben,manager,north,,,password-ben\n"
                + ",,south,,,\n";
        HttpResponse<Buffer> ok = page("admin", HttpMethod.POST, "/admin/users/import", "csv=" + enc(good));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.bodyAsString()).contains("Imported 2 users and created the teams north, south")
                .contains("flash-passwords").contains("<td>ann</td>").doesNotContain("<td>ben</td>");
        assertThat(adminList()).contains("\"ann\"").contains("\"ben\"");
        assertThat(api.call("admin", HttpMethod.GET, "/api/teams", null).bodyAsString()).contains("south");
        assertThat(api.login("ben").getJsonObject("user").getString("team")).isEqualTo("north");
    }

    @Test
    void should_delete_an_account_without_history_and_refuse_one_with_sessions() {
        long rita = api.users.get("rita").id();
        HttpResponse<Buffer> refused = page("admin", HttpMethod.POST, "/admin/users/" + rita + "/delete", "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.bodyAsString()).contains("The account rita has 1 practice session and 0 reviews on record")
                .contains("Disable it instead");
        assertThat(adminList()).contains("\"rita\"");

        assertThat(api.call("admin", HttpMethod.POST, "/api/users", new JsonObject().put("username", "mistake")
                .put("password", "long-enough").put("role", "trainer")).statusCode()).isEqualTo(201);
        long mistake = api.call("admin", HttpMethod.GET, "/api/users", null).bodyAsJsonObject().getJsonArray("users")
                .stream().map(JsonObject.class::cast).filter(u -> u.getString("username").equals("mistake"))
                .findFirst().orElseThrow().getLong("id");
        HttpResponse<Buffer> deleted = page("admin", HttpMethod.POST, "/admin/users/" + mistake + "/delete", "");
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(adminList()).doesNotContain("\"mistake\"");

        long self = api.users.get("admin").id();
        assertThat(page("admin", HttpMethod.POST, "/admin/users/" + self + "/delete", "").bodyAsString())
                .contains("You cannot delete your own account");
    }

    @Test
    void should_change_role_display_name_and_email() {
        long rob = api.users.get("rob").id();
        HttpResponse<Buffer> bad = page("admin", HttpMethod.POST, "/admin/users/" + rob,
                "role=manager&team=" + teamId("east") + "&displayName=Rob+R&email=not-an-email");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsString()).contains("id=\"ed-email-error\"").contains("value=\"not-an-email\"")
                .contains("value=\"Rob R\"");
        HttpResponse<Buffer> ok = page("admin", HttpMethod.POST, "/admin/users/" + rob,
                "role=manager&team=" + teamId("east") + "&displayName=Rob+R&email=rob%40example.com");
        assertThat(ok.statusCode()).isEqualTo(303);
        String shown = page("admin", HttpMethod.GET, "/admin/users/" + rob, null).bodyAsString();
        assertThat(shown).contains("Rob R").contains("value=\"rob@example.com\"");
        assertThat(api.login("rob").getJsonObject("user").getString("role")).isEqualTo("manager");
        page("admin", HttpMethod.POST, "/admin/users/" + rob, "role=rep&team=" + teamId("east") + "&displayName=&email=");
    }

    private String adminList() {
        return api.call("admin", HttpMethod.GET, "/api/users", null).bodyAsString();
    }

    private String teamId(String name) {
        return api.call("admin", HttpMethod.GET, "/api/teams", null).bodyAsJsonObject().getJsonArray("teams").stream()
                .map(JsonObject.class::cast).filter(t -> t.getString("name").equals(name)).findFirst().orElseThrow()
                .getValue("id").toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A browser's request: the session cookie, and on a form post its CSRF field. */
    private HttpResponse<Buffer> page(String who, HttpMethod method, String path, String form) {
        var req = api.client.request(method, path).followRedirects(false);
        String csrf = "";
        if (who != null) {
            JsonObject login = api.login(who);
            req.putHeader("Cookie", AuthHandler.COOKIE + "=" + login.getString("token"));
            csrf = login.getString("csrfToken");
        }
        if (form == null) {
            return req.send().await();
        }
        return req.putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer((form.isEmpty() ? "" : form + "&") + "_csrf=" + csrf)).await();
    }
}
