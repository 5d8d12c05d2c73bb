package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.auth.ImportRefused;
import io.dtrcoach.server.auth.ImportedUsers;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.auth.UserChange;
import io.dtrcoach.server.auth.UserEdit;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin's users and teams page: create (one, or many from CSV), disable and enable, reset a password, move
 * between teams; the page of one user ({@link UserEditPage}) edits and deletes. A form that fails comes back with
 * what was typed and the error beside its field.
 */
public final class AdminPages {
    private static final Map<String, String> DONE = Map.of(
            "created", "The account was created.",
            "team", "The team was changed.",
            "disabled", "The account was disabled; its logins were ended.",
            "enabled", "The account was enabled.",
            "newteam", "The team was created.",
            "saved", "The account was saved.",
            "deleted", "The account was deleted.");
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserService users;
    private final Views views;
    private final UserEditPage editor;
    private final SecureRandom random = new SecureRandom();

    AdminPages(UserService users, Views views) {
        this.users = users;
        this.views = views;
        this.editor = new UserEditPage(users, views);
    }

    public void page(RoutingContext ctx) {
        Optional<Map<String, Object>> flash = Optional.ofNullable(ctx.request().getParam("done"))
                .map(DONE::get).map(m -> Map.of("kind", "success", "message", m));
        show(ctx, 200, flash, Map.of());
    }

    /** @param forms what the failed form had typed, and its errors, by the form's model key */
    private void show(RoutingContext ctx, int status, Optional<Map<String, Object>> flash, Map<String, Object> forms) {
        Answer.when(ctx, Future.all(users.list(), users.teams(), users.profiles()), all -> {
            List<User> list = all.resultAt(0);
            List<UserRepository.Team> teams = all.resultAt(1);
            Map<Long, UserRepository.Profile> profiles = all.resultAt(2);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("active", "admin");
            model.put("roles", Arrays.stream(Role.values()).map(Role::name).toList());
            model.put("teams", teams.stream().map(t -> Map.of("id", Long.toString(t.id()), "name", t.name(),
                    "members", list.stream().filter(u -> u.teamId().equals(Optional.of(t.id()))).count())).toList());
            model.put("users", list.stream().map(u -> row(u, profiles.getOrDefault(u.id(), UserRepository.Profile.NONE)))
                    .toList());
            // a new rep or manager needs a team: the form starts on the first one, never on "No team"
            Map<String, Object> newUser = new LinkedHashMap<>(Map.of("role", Role.rep.name()));
            teams.stream().findFirst().ifPresent(t -> newUser.put("team", Long.toString(t.id())));
            model.put("newUser", newUser);
            model.putAll(forms);
            flash.ifPresent(f -> model.put("flash", f));
            views.render(ctx, status, "admin", model);
        });
    }

    static Map<String, Object> row(User u, UserRepository.Profile profile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(u.id()));
        m.put("username", u.username());
        m.put("name", profile.displayName().orElse(u.username()));
        profile.email().ifPresent(e -> m.put("email", e));
        m.put("role", u.role().name());
        m.put("teamId", u.teamId().map(Object::toString).orElse(null));
        u.team().ifPresent(t -> m.put("team", t));
        m.put("disabled", u.disabled());
        return m;
    }

    /** A team given by id in the form, as the team name the user service takes ("" for none). */
    Future<String> teamName(String teamId) {
        return teamName(users, teamId);
    }

    static Future<String> teamName(UserService users, String teamId) {
        if (teamId.isBlank()) {
            return Future.succeededFuture("");
        }
        return users.teams().map(teams -> teams.stream().filter(t -> Long.toString(t.id()).equals(teamId.strip()))
                .map(UserRepository.Team::name).findFirst()
                .orElseThrow(() -> new io.dtrcoach.server.failure.InvalidInput("team", "that team does not exist")));
    }

    public void create(RoutingContext ctx) {
        Map<String, Object> typed = FormErrors.typed(ctx, "username", "password", "role", "team", "displayName", "email");
        Answer.when(ctx, FormErrors.attempt(() -> {
                    Role role = Role.parse(PageAuth.form(ctx, "role")).orElseThrow(
                            () -> new io.dtrcoach.server.failure.InvalidInput("role", "choose a role"));
                    return teamName(PageAuth.form(ctx, "team")).compose(team -> {
                        Optional<String> t = team.isEmpty() ? Optional.empty() : Optional.of(team);
                        NewUser user = new NewUser(PageAuth.form(ctx, "username").strip(), PageAuth.form(ctx, "password"),
                                role, t);
                        UserEdit profile = new UserEdit(role, t, Optional.of(PageAuth.form(ctx, "displayName")),
                                Optional.of(PageAuth.form(ctx, "email")));
                        return users.create(user, profile.profile());
                    });
                }), u -> Views.redirect(ctx, "/admin/users?done=created"),
                e -> FormErrors.of(e).ifPresentOrElse(
                        errors -> show(ctx, errors.status(), Optional.empty(), Map.of("newUser", errors.with(typed))),
                        () -> ctx.fail(e)));
    }

    public void importCsv(RoutingContext ctx) {
        String csv = PageAuth.form(ctx, "csv");
        Answer.when(ctx, users.importCsv(csv), done -> show(ctx, 200, Optional.of(imported(done)), Map.of()),
                e -> {
                    if (e instanceof ImportRefused refused) {
                        show(ctx, 400, Optional.empty(), Map.of("importForm", Map.of("csv", csv,
                                "problems", refused.problems().stream().map(p -> Map.of("line", p.line(),
                                        "message", FormErrors.sentence(p.message()))).toList())));
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private static Map<String, Object> imported(ImportedUsers done) {
        Map<String, Object> flash = new LinkedHashMap<>();
        flash.put("kind", "success");
        flash.put("message", "Imported " + done.users().size() + (done.users().size() == 1 ? " user" : " users")
                + (done.newTeams().isEmpty() ? "" : " and created the teams " + String.join(", ", done.newTeams())) + ".");
        List<Map<String, Object>> secrets = done.users().stream().filter(u -> u.generatedPassword().isPresent())
                .map(u -> Map.<String, Object>of("username", u.username(), "password", u.generatedPassword().get()))
                .toList();
        if (!secrets.isEmpty()) {
            flash.put("passwords", secrets);
        }
        return flash;
    }

    public void moveTeam(RoutingContext ctx) {
        long id = UserEditPage.userId(ctx);
        Answer.when(ctx, teamName(PageAuth.form(ctx, "team"))
                .compose(team -> users.update(id, new UserChange(Optional.empty(), Optional.of(team), Optional.empty(),
                        Optional.empty()))),
                u -> Views.redirect(ctx, "/admin/users?done=team"),
                e -> FormErrors.of(e).ifPresentOrElse(errors -> show(ctx, errors.status(),
                        Optional.of(Map.of("kind", "error", "message", errors.message())), Map.of()), () -> ctx.fail(e)));
    }

    public void disable(RoutingContext ctx) {
        setDisabled(ctx, true);
    }

    public void enable(RoutingContext ctx) {
        setDisabled(ctx, false);
    }

    private void setDisabled(RoutingContext ctx, boolean disabled) {
        long id = UserEditPage.userId(ctx);
        if (disabled && id == AuthHandler.caller(ctx).user().id()) {
            throw new io.dtrcoach.server.failure.InvalidInput("id", "you cannot disable your own account");
        }
        Answer.when(ctx, users.update(id, new UserChange(Optional.empty(), Optional.empty(), Optional.of(disabled),
                        Optional.empty())),
                u -> Views.redirect(ctx, back(ctx) + "?done=" + (disabled ? "disabled" : "enabled")));
    }

    /** Sets a new random password and shows it once; every login of that account ends. */
    public void resetPassword(RoutingContext ctx) {
        long id = UserEditPage.userId(ctx);
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String password = pw.toString();
        Answer.when(ctx, users.update(id, new UserChange(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(password))), u -> show(ctx, 200, Optional.of(Map.of("kind", "success",
                        "message", "New password for " + u.username()
                                + ". It is shown only now; every login of that account has ended.",
                        "secret", password, "secretLabel", "New password")), Map.of()));
    }

    public void createTeam(RoutingContext ctx) {
        Map<String, Object> typed = FormErrors.typed(ctx, "name");
        Answer.when(ctx, FormErrors.attempt(() -> users.createTeam(PageAuth.form(ctx, "name"))),
                t -> Views.redirect(ctx, "/admin/users?done=newteam"),
                e -> FormErrors.of(e).ifPresentOrElse(
                        errors -> show(ctx, errors.status(), Optional.empty(), Map.of("newTeam", errors.with(typed))),
                        () -> ctx.fail(e)));
    }

    public void edit(RoutingContext ctx) {
        editor.page(ctx);
    }

    public void save(RoutingContext ctx) {
        editor.save(ctx);
    }

    public void delete(RoutingContext ctx) {
        editor.delete(ctx);
    }

    /** The user's own page when the form came from there, otherwise the list. */
    private static String back(RoutingContext ctx) {
        return "user".equals(PageAuth.form(ctx, "from")) ? "/admin/users/" + UserEditPage.userId(ctx) : "/admin/users";
    }
}
