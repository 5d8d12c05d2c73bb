package io.dtrcoach.server.llm;

import java.util.concurrent.CancellationException;

/** The reply was cancelled (the rep left); the model call was stopped and no reply will come. */
public final class SpeechCancelled extends CancellationException {
    public SpeechCancelled() {
        super("the reply was cancelled");
    }
}
