package io.dtrcoach.server.auth;

import io.dtrcoach.server.config.ConfigInvalid;
import io.dtrcoach.server.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SsoClaimsTest {
    private static final SsoClaims CLAIMS = new SsoClaims("email", "groups", "department");

    @Test
    void should_read_username_role_and_team_from_the_configured_claims() {
        SsoIdentity who = CLAIMS.identity("iss sub-1", Map.of("email", "sam@example.com", "groups", "Manager",
                "department", " east "));
        assertThat(who).isEqualTo(new SsoIdentity("iss sub-1", "sam@example.com", Role.manager, Optional.of("east")));
    }

    @Test
    void should_take_the_most_trusted_role_a_groups_list_names_and_ignore_the_others() {
        SsoIdentity who = CLAIMS.identity("s", Map.of("email", "t@x", "groups", List.of("staff", "rep", "trainer")));
        assertThat(who.role()).isEqualTo(Role.trainer);
        assertThat(who.team()).isEmpty();
    }

    @Test
    void should_refuse_a_user_without_the_role_claim_naming_the_claim() {
        assertThatThrownBy(() -> CLAIMS.identity("s", Map.of("email", "t@x", "groups", List.of("staff"))))
                .isInstanceOf(SsoRefused.class).hasMessageContaining("claim 'groups'");
        assertThatThrownBy(() -> CLAIMS.identity("s", Map.of("email", "t@x")))
                .isInstanceOf(SsoRefused.class).hasMessageContaining("no DTR Coach role");
    }

    @Test
    void should_refuse_a_rep_without_a_team_and_a_username_the_server_cannot_use() {
        assertThatThrownBy(() -> CLAIMS.identity("s", Map.of("email", "r@x", "groups", "rep")))
                .isInstanceOf(SsoRefused.class).hasMessageContaining("no team (claim 'department')");
        assertThatThrownBy(() -> CLAIMS.identity("s", Map.of("email", "Sam Smith", "groups", "admin")))
                .isInstanceOf(SsoRefused.class).hasMessageContaining("can't be used here");
        assertThatThrownBy(() -> CLAIMS.identity("s", Map.of("groups", "admin")))
                .isInstanceOf(SsoRefused.class).hasMessageContaining("no username (claim 'email')");
    }

    @Test
    void should_give_the_s256_challenge_of_rfc_7636_appendix_b() {
        assertThat(SsoAccounts.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void should_refuse_a_configuration_with_passwords_off_and_no_single_sign_on(@TempDir Path dir) {
        assertThatThrownBy(() -> TestConfig.config(dir, Map.of("login.passwords", "false")))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("nobody could log in");
        assertThatThrownBy(() -> TestConfig.config(dir, Map.of("sso.issuer", "https://idp.example.com/r")))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("sso.client-id is required");
        assertThat(TestConfig.config(dir).passwordLogin()).isTrue();
        assertThat(TestConfig.config(dir).sso().enabled()).isFalse();
        assertThat(TestConfig.config(dir, Map.of("sso.issuer", "https://idp.example.com/r/", "sso.client-id", "dtr"))
                .sso().issuer()).contains("https://idp.example.com/r");
    }
}
