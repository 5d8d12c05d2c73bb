package io.dtrcoach.core.scoring;

import java.util.List;
import java.util.Map;

/** The default coaching lines; kept generic so they fit any scenario. */
final class BuiltInPhrases {
    private BuiltInPhrases() {
    }

    static final Phrasebook BOOK = Phrasebook.of(Map.of(
            "dtr_ask", List.of(
                    "Would it be a bad idea to talk about where this is really heading?",
                    "Can I ask you straight: where do you honestly see this going?",
                    "Have you given up on this project? It's completely fine if you have.",
                    "Where does this stand for you, honestly: a yes, a no, or not now?",
                    "What would need to be true for this to go ahead, or is it time to call it?"),
            "permission_no", List.of(
                    "It's completely fine if the answer is no. A clear no helps me more than a maybe.",
                    "If this isn't going to happen, you can just tell me. I'd rather know.",
                    "Before we start: whatever you decide, a no is a perfectly good answer today.",
                    "Could we agree that by the end of this call either of us can say it isn't a fit?"),
            "open_question", List.of(
                    "What's changed since we last spoke?",
                    "What's getting in the way on your side?",
                    "How are you thinking about this now?",
                    "What would you need to see to feel confident either way?",
                    "What matters most to you in deciding this?"),
            "summary", List.of(
                    "Let me check I've understood: the pilot went well, but something on your side has changed. Is that fair?",
                    "So what I'm hearing is that the timing, not the product, is the problem. Did I get that right?",
                    "Let me play back what I heard, and correct me where I'm wrong."),
            "next_step", List.of(
                    "Shall we book 30 minutes with whoever signs off next Tuesday, and I'll send what they need by Thursday?",
                    "What would a sensible next step be, and when?",
                    "Would it make sense to put a date on the next conversation now?"),
            "reflection", List.of(
                    "So it sounds like the product isn't the problem; it's the timing.",
                    "It sounds like you're caught between what your team wants and what the budget allows.",
                    "So you'd rather not be the one who has to say no."),
            "decision_process", List.of(
                    "Who else needs to sign off, and what does legal usually need from us?",
                    "How does a decision like this usually get made at your company?",
                    "Walk me through what happens between a yes from you and a signed order.")));
}
