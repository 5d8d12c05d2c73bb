package io.dtrcoach.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/** Dates arrive as ISO-8601 strings (or epoch millis, or java.time values) and are shown in one zone. */
final class Dates {

    static final String DEFAULT_PATTERN = "d MMM yyyy, HH:mm";

    private Dates() {
    }

    static Optional<ZonedDateTime> parse(Object value, ZoneId zone) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Instant instant) {
            return Optional.of(instant.atZone(zone));
        }
        if (value instanceof OffsetDateTime odt) {
            return Optional.of(odt.atZoneSameInstant(zone));
        }
        if (value instanceof ZonedDateTime zdt) {
            return Optional.of(zdt.withZoneSameInstant(zone));
        }
        if (value instanceof LocalDateTime ldt) {
            return Optional.of(ldt.atZone(zone));
        }
        if (value instanceof LocalDate ld) {
            return Optional.of(ld.atStartOfDay(zone));
        }
        if (value instanceof Number millis) {
            return Optional.of(Instant.ofEpochMilli(millis.longValue()).atZone(zone));
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
                    ZonedDateTime::from, LocalDateTime::from);
            if (parsed instanceof ZonedDateTime zdt) {
                return Optional.of(zdt.withZoneSameInstant(zone));
            }
            return Optional.of(((LocalDateTime) parsed).atZone(zone));
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(text).atStartOfDay(zone));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** Formats, or gives the input back unchanged (it is escaped by the caller) when it is no date. */
    static String format(Object value, String pattern, ZoneId zone) {
        return parse(value, zone)
                .map(d -> d.format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)))
                .orElse(value == null ? "" : String.valueOf(value));
    }

    static String iso(Object value, ZoneId zone) {
        return parse(value, zone).map(d -> d.withZoneSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).orElse("");
    }
}
