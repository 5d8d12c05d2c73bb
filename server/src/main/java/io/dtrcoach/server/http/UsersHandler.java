package io.dtrcoach.server.http;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.UserChange;
import io.dtrcoach.server.auth.UserService;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Optional;

/** Accounts and teams (admin only; the role is checked in the route chain). */
public final class UsersHandler {
    private final UserService users;
    private final Replies replies;

    UsersHandler(UserService users, Replies replies) {
        this.users = users;
        this.replies = replies;
    }

    public void list(RoutingContext ctx) {
        replies.answer(ctx, users.list().map(l -> Map.of("users", l)));
    }

    public void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        NewUser user = new NewUser(body.string("username"), body.string("password"), role(body.string("role")),
                body.optionalString("team"));
        replies.answer(ctx, users.create(user), 201);
    }

    public void update(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "id must be a whole number");
        }
        JsonBody body = JsonBody.of(ctx);
        UserChange change = new UserChange(body.optionalString("role").map(UsersHandler::role),
                body.optionalString("team"), body.optionalBoolean("disabled"), body.optionalString("password"));
        replies.answer(ctx, users.update(id, change));
    }

    public void teams(RoutingContext ctx) {
        replies.answer(ctx, users.teams().map(l -> Map.of("teams", l)));
    }

    public void createTeam(RoutingContext ctx) {
        replies.answer(ctx, users.createTeam(JsonBody.of(ctx).string("name")), 201);
    }

    private static Role role(String value) {
        Optional<Role> role = Role.parse(value);
        return role.orElseThrow(() -> new InvalidInput("role", "role must be one of rep, trainer, manager, admin"));
    }
}
