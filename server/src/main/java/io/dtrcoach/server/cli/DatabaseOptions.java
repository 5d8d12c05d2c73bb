package io.dtrcoach.server.cli;

import io.dtrcoach.server.config.ConfigLoader;
import io.dtrcoach.server.config.ServerConfig;
import io.dtrcoach.server.persistence.Database;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Where the configuration and the database are; shared by every command that opens the database. */
public final class DatabaseOptions {
    @Option(names = "--config", description = "YAML or JSON config file (env DTR_CONFIG)")
    Path config;

    @Option(names = "--data", description = "data directory for the embedded H2 database (env DTR_DATA; default ./data)")
    Path data;

    @Option(names = "--db-url", description = "JDBC URL of a PostgreSQL database instead of H2 (env DTR_DB_URL)")
    String dbUrl;

    /** Config from defaults, file, environment and these flags plus the command's own. */
    public ServerConfig load(Map<String, String> moreFlags) {
        Map<String, String> flags = new LinkedHashMap<>(moreFlags);
        if (data != null) {
            flags.put("data", data.toString());
        }
        if (dbUrl != null) {
            flags.put("db.url", dbUrl);
        }
        return new ConfigLoader(System.getenv()).load(Optional.ofNullable(config), flags);
    }

    public static Database open(ServerConfig config) {
        return Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize(),
                config.embedded() ? Optional.of(config.dataDir()) : Optional.empty(), Optional.empty());
    }
}
