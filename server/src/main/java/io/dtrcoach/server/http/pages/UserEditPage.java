package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.auth.UserEdit;
import io.dtrcoach.server.auth.UserNotFound;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One account's page for the admin: role, team, display name and email; reset, disable, delete. */
final class UserEditPage {
    private final UserService users;
    private final Views views;

    UserEditPage(UserService users, Views views) {
        this.users = users;
        this.views = views;
    }

    void page(RoutingContext ctx) {
        Optional<Map<String, Object>> flash = "saved".equals(ctx.request().getParam("done"))
                ? Optional.of(Map.of("kind", "success", "message", "The account was saved."))
                : Optional.ofNullable(ctx.request().getParam("done")).filter(d -> d.equals("disabled") || d.equals("enabled"))
                        .map(d -> Map.of("kind", "success", "message", "The account was " + d + "."));
        show(ctx, 200, flash, Optional.empty());
    }

    private void show(RoutingContext ctx, int status, Optional<Map<String, Object>> flash,
                      Optional<Map<String, Object>> typed) {
        long id = userId(ctx);
        Answer.when(ctx, Future.all(users.list(), users.teams(), users.profiles(), users.history(id)), all -> {
            List<User> list = all.resultAt(0);
            User user = list.stream().filter(u -> u.id() == id).findFirst()
                    .orElseThrow(() -> new UserNotFound(Long.toString(id)));
            List<UserRepository.Team> teams = all.resultAt(1);
            Map<Long, UserRepository.Profile> profiles = all.resultAt(2);
            UserRepository.Profile profile = profiles.getOrDefault(id, UserRepository.Profile.NONE);
            UserRepository.History history = all.resultAt(3);
            boolean self = id == AuthHandler.caller(ctx).user().id();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("active", "admin");
            model.put("account", AdminPages.row(user, profile));
            model.put("roles", Arrays.stream(Role.values()).map(Role::name).toList());
            model.put("teams", teams.stream().map(t -> Map.of("id", Long.toString(t.id()), "name", t.name())).toList());
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("role", user.role().name());
            form.put("team", user.teamId().map(Object::toString).orElse(""));
            form.put("displayName", profile.displayName().orElse(""));
            form.put("email", profile.email().orElse(""));
            typed.ifPresent(form::putAll);
            model.put("form", form);
            model.put("history", Map.of("sessions", history.sessions(), "reviews", history.reviews()));
            model.put("self", self);
            model.put("canDelete", history.isEmpty() && !self);
            flash.ifPresent(f -> model.put("flash", f));
            views.render(ctx, status, "user", model);
        });
    }

    void save(RoutingContext ctx) {
        long id = userId(ctx);
        Map<String, Object> typed = FormErrors.typed(ctx, "role", "team", "displayName", "email");
        Answer.when(ctx, FormErrors.attempt(() -> {
                    Role role = Role.parse(PageAuth.form(ctx, "role"))
                            .orElseThrow(() -> new InvalidInput("role", "choose a role"));
                    User caller = AuthHandler.caller(ctx).user();
                    if (id == caller.id() && role != caller.role()) {
                        throw new InvalidInput("role", "you cannot change your own role; another admin can");
                    }
                    return AdminPages.teamName(users, PageAuth.form(ctx, "team")).compose(team -> users.edit(id,
                            new UserEdit(role, team.isEmpty() ? Optional.empty() : Optional.of(team),
                                    Optional.of(PageAuth.form(ctx, "displayName")),
                                    Optional.of(PageAuth.form(ctx, "email")))));
                }), u -> Views.redirect(ctx, "/admin/users/" + id + "?done=saved"),
                e -> FormErrors.of(e).ifPresentOrElse(
                        errors -> show(ctx, errors.status(), Optional.empty(), Optional.of(errors.with(typed))),
                        () -> ctx.fail(e)));
    }

    void delete(RoutingContext ctx) {
        long id = userId(ctx);
        Answer.when(ctx, FormErrors.attempt(() -> users.delete(id, AuthHandler.caller(ctx).user())),
                u -> Views.redirect(ctx, "/admin/users?done=deleted"),
                e -> FormErrors.of(e).ifPresentOrElse(errors -> show(ctx, errors.status(),
                        Optional.of(Map.of("kind", "error", "message", errors.message())), Optional.empty()),
                        () -> ctx.fail(e)));
    }

    static long userId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new UserNotFound(ctx.pathParam("id"));
        }
    }
}
