package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.auth.UserChange;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin's users and teams page: create, disable and enable, reset a password, move between teams. */
public final class AdminPages {
    private static final Map<String, String> DONE = Map.of(
            "created", "The account was created.",
            "team", "The team was changed.",
            "disabled", "The account was disabled; its logins were ended.",
            "enabled", "The account was enabled.",
            "newteam", "The team was created.");
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserService users;
    private final Views views;
    private final SecureRandom random = new SecureRandom();

    AdminPages(UserService users, Views views) {
        this.users = users;
        this.views = views;
    }

    public void page(RoutingContext ctx) {
        Optional<Map<String, Object>> flash = Optional.ofNullable(ctx.request().getParam("done"))
                .map(DONE::get).map(m -> Map.of("kind", "success", "message", m));
        show(ctx, flash);
    }

    private void show(RoutingContext ctx, Optional<Map<String, Object>> flash) {
        Answer.when(ctx, Future.all(users.list(), users.teams()), all -> {
            List<User> list = all.resultAt(0);
            List<UserRepository.Team> teams = all.resultAt(1);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("active", "admin");
            model.put("roles", Arrays.stream(Role.values()).map(Role::name).toList());
            model.put("teams", teams.stream().map(t -> Map.of("id", Long.toString(t.id()), "name", t.name(),
                    "members", list.stream().filter(u -> u.teamId().equals(Optional.of(t.id()))).count())).toList());
            model.put("users", list.stream().map(u -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", Long.toString(u.id()));
                m.put("username", u.username());
                m.put("name", u.username());
                m.put("role", u.role().name());
                m.put("teamId", u.teamId().map(Object::toString).orElse(null));
                u.team().ifPresent(t -> m.put("team", t));
                m.put("disabled", u.disabled());
                return m;
            }).toList());
            flash.ifPresent(f -> model.put("flash", f));
            views.render(ctx, "admin", model);
        });
    }

    /** A team given by id in the form, as the team name the user service takes ("" for none). */
    private Future<String> teamName(String teamId) {
        if (teamId.isBlank()) {
            return Future.succeededFuture("");
        }
        return users.teams().map(teams -> teams.stream().filter(t -> Long.toString(t.id()).equals(teamId.strip()))
                .map(UserRepository.Team::name).findFirst()
                .orElseThrow(() -> new InvalidInput("team", "that team does not exist")));
    }

    public void create(RoutingContext ctx) {
        Role role = Role.parse(PageAuth.form(ctx, "role")).orElseThrow(() -> new InvalidInput("role", "choose a role"));
        String username = PageAuth.form(ctx, "username").strip();
        String password = PageAuth.form(ctx, "password");
        Answer.when(ctx, teamName(PageAuth.form(ctx, "team"))
                .compose(team -> users.create(new NewUser(username, password, role,
                        team.isEmpty() ? Optional.empty() : Optional.of(team)))),
                u -> Views.redirect(ctx, "/admin/users?done=created"));
    }

    public void moveTeam(RoutingContext ctx) {
        long id = userId(ctx);
        Answer.when(ctx, teamName(PageAuth.form(ctx, "team"))
                .compose(team -> users.update(id, new UserChange(Optional.empty(), Optional.of(team), Optional.empty(),
                        Optional.empty()))),
                u -> Views.redirect(ctx, "/admin/users?done=team"));
    }

    public void disable(RoutingContext ctx) {
        setDisabled(ctx, true);
    }

    public void enable(RoutingContext ctx) {
        setDisabled(ctx, false);
    }

    private void setDisabled(RoutingContext ctx, boolean disabled) {
        long id = userId(ctx);
        if (disabled && id == io.dtrcoach.server.http.AuthHandler.caller(ctx).user().id()) {
            throw new InvalidInput("id", "you cannot disable your own account");
        }
        Answer.when(ctx, users.update(id, new UserChange(Optional.empty(), Optional.empty(), Optional.of(disabled),
                        Optional.empty())),
                u -> Views.redirect(ctx, "/admin/users?done=" + (disabled ? "disabled" : "enabled")));
    }

    /** Sets a new random password and shows it once; every login of that account ends. */
    public void resetPassword(RoutingContext ctx) {
        long id = userId(ctx);
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String password = pw.toString();
        Answer.when(ctx, users.update(id, new UserChange(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(password))), u -> show(ctx, Optional.of(Map.of("kind", "success",
                        "message", "New password for " + u.username()
                                + ". It is shown only now; every login of that account has ended.",
                        "secret", password, "secretLabel", "New password"))));
    }

    public void createTeam(RoutingContext ctx) {
        Answer.when(ctx, users.createTeam(PageAuth.form(ctx, "name")), t -> Views.redirect(ctx, "/admin/users?done=newteam"));
    }

    private static long userId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "no such user");
        }
    }
}
