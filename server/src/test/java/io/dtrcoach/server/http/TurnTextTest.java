package io.dtrcoach.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a turn's text must be: something a person can see (not only invisible characters), and valid Unicode (no lone
 * surrogate, no malformed UTF-8), stored exactly as sent. The same holds for a reviewer's comment.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TurnTextTest {
    /** Each made only of characters nobody sees: zero-width space, ZWNJ, ZWJ, BOM, soft hyphen, fillers, …. */
    static final List<String> INVISIBLE = List.of("\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060",
            "\u200b \u200c\u200d\ufeff\u00ad\n\t", "\u3164", "\u115f\u1160", "\uffa0", "\u2800", "\u034f", "\u180e",
            "\ufe0f", "\u202e\u202c", "\u2028\u2029", "\u00a0\u3000", "\u0000\u0007", "\udb40\udc20\udb40\udc7f",
            "\u2061\u2062\u2063\u2064", "\u0301\u0308");

    private ApiFixture api;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
        api = new ApiFixture(vertx, dir);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private int turnsOf(String session) {
        return api.call("rita", HttpMethod.GET, "/api/sessions/" + session, null).bodyAsJsonObject()
                .getJsonArray("turns").size();
    }

    @Test
    void should_refuse_a_turn_made_only_of_invisible_characters_like_a_blank_one() {
        String session = api.startSession("rita");
        for (String text : INVISIBLE) {
            HttpResponse<Buffer> r = api.turn("rita", session, text);
            assertThat(r.statusCode()).as("%s: %s", escape(text), r.bodyAsString()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("error")).contains("text");
        }
        // NUL among visible words: PostgreSQL cannot store it
        HttpResponse<Buffer> nul = api.turn("rita", session, "Where\u0000 are we?");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.bodyAsJsonObject().getString("error")).contains("NUL");
        assertThat(turnsOf(session)).isZero();
        // visible words with invisible characters among them are a turn, stored as sent
        HttpResponse<Buffer> ok = api.turn("rita", session, "Where\u200b are we\u00ad on this?");
        assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
        assertThat(api.call("rita", HttpMethod.GET, "/api/sessions/" + session, null).bodyAsJsonObject()
                .getJsonArray("turns").getJsonObject(0).getString("rep")).isEqualTo("Where\u200b are we\u00ad on this?");
    }

    @Test
    void should_refuse_a_lone_surrogate_instead_of_storing_a_question_mark() {
        String session = api.startSession("rita");
        for (String escaped : List.of("\\ud800", "Hello \\udc00 there", "a\\ud83d", "\\ude00\\ud83d")) {
            HttpResponse<Buffer> r = api.raw("rita", HttpMethod.POST, "/api/sessions/" + session + "/turns",
                    "{\"text\":\"" + escaped + "\"}");
            assertThat(r.statusCode()).as("%s: %s", escaped, r.bodyAsString()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("error")).contains("text").containsIgnoringCase("unicode");
        }
        assertThat(turnsOf(session)).isZero();
        // a proper pair (an emoji) goes through untouched
        HttpResponse<Buffer> ok = api.raw("rita", HttpMethod.POST, "/api/sessions/" + session + "/turns",
                "{\"text\":\"Fair enough \\ud83d\\ude00\"}");
        assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
        assertThat(api.call("rita", HttpMethod.GET, "/api/sessions/" + session, null).bodyAsJsonObject()
                .getJsonArray("turns").getJsonObject(0).getString("rep")).isEqualTo("Fair enough \ud83d\ude00");
    }

    @Test
    void should_refuse_a_body_that_is_not_valid_utf8() {
        String session = api.startSession("rita");
        for (byte[] text : List.of(new byte[] {(byte) 0xff, (byte) 0xfe, 'h', 'i'}, new byte[] {'h', (byte) 0xc3},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0xae})) {
            Buffer body = Buffer.buffer("{\"text\":\"").appendBytes(text).appendString("\"}");
            HttpResponse<Buffer> r = api.client.post("/api/sessions/" + session + "/turns")
                    .bearerTokenAuthentication(api.tokens.get("rita")).putHeader("Content-Type", "application/json")
                    .sendBuffer(body).await();
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("error")).contains("UTF-8");
        }
        assertThat(turnsOf(session)).isZero();
        // what a browser sends: proper UTF-8, any script
        assertThat(api.turn("rita", session, "Olá, ça va? \u4e2d\u6587").statusCode()).isEqualTo(200);
    }

    @Test
    void should_refuse_an_invisible_comment() {
        String session = api.startSession("rita");
        api.turn("rita", session, "Can you sign by Friday?");
        api.call("rita", HttpMethod.POST, "/api/sessions/" + session + "/end", null);
        for (String text : List.of("\u200b\u200d", "\ufeff")) {
            HttpResponse<Buffer> r = api.call("mona", HttpMethod.POST, "/api/sessions/" + session + "/turns/1/comments",
                    new JsonObject().put("text", text));
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        }
    }

    @Test
    void should_take_a_long_turn_posted_as_a_plain_form_and_refuse_an_invisible_one_there() {
        JsonObject login = api.login("rita");
        String cookie = AuthHandler.COOKIE + "=" + login.getString("token");
        String session = api.startSession("rita");
        // 3,000 characters of three bytes each: longer than the form decoder's default field limit of 8 KiB
        String longTurn = "\u4e2d".repeat(3000);
        for (String[] text : new String[][] {{"\u200b\u200d", "400"}, {longTurn, "303"}}) {
            HttpResponse<Buffer> r = api.client.post("/sessions/" + session + "/turns").followRedirects(false)
                    .putHeader("Cookie", cookie).putHeader("Content-Type", "application/x-www-form-urlencoded")
                    .sendBuffer(Buffer.buffer("_csrf=" + login.getString("csrfToken") + "&text="
                            + java.net.URLEncoder.encode(text[0], java.nio.charset.StandardCharsets.UTF_8))).await();
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(Integer.parseInt(text[1]));
        }
        assertThat(turns(session)).hasSize(1);
    }

    private JsonArray turns(String session) {
        return api.call("rita", HttpMethod.GET, "/api/sessions/" + session, null).bodyAsJsonObject().getJsonArray("turns");
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(String.format("\\u%04x", c)));
        return sb.toString();
    }
}
