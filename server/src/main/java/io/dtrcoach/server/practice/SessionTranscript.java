package io.dtrcoach.server.practice;

import java.util.List;

public record SessionTranscript(SessionSummary session, String opening, List<TranscriptTurn> turns) {
    public SessionTranscript {
        turns = List.copyOf(turns);
    }
}
