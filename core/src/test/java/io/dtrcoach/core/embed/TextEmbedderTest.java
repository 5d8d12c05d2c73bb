package io.dtrcoach.core.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextEmbedderTest {
    private static final String LINE = "Can we talk about where this is going? It's fine if the answer is no.";

    @Test
    void theEarlyVectorIsTheSameWhetherTheLineWasEmbeddedFirstOrNot() {
        TextEmbedder fresh = TextEmbedder.create();
        TextEmbedder warmed = TextEmbedder.create();
        float[] sentence = warmed.embed(LINE);

        assertThat(warmed.embedEarly(LINE)).containsExactly(fresh.embedEarly(LINE));
        assertThat(fresh.embedEarly(LINE)).isNotEqualTo(sentence);
    }

    @Test
    void aLineFirstSeenByTheClassifierStillGetsTheSentenceEmbedding() {
        TextEmbedder earlyFirst = TextEmbedder.create();
        float[] early = earlyFirst.embedEarly(LINE);

        assertThat(earlyFirst.embed(LINE)).containsExactly(TextEmbedder.create().embed(LINE));
        assertThat(earlyFirst.embedEarly(LINE)).containsExactly(early);
    }

    @Test
    void typographicQuotesAreEmbeddedAsPlainOnesAndOnlyOnce() {
        List<String> seen = new java.util.ArrayList<>();
        EmbeddingModel recording = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                segments.forEach(s -> seen.add(s.text()));
                return Response.from(segments.stream().map(s -> Embedding.from(new float[] {1, 0, 0})).toList());
            }
        };
        TextEmbedder embedder = TextEmbedder.create(recording);
        embedder.embed("Don\u2019t worry, it\u2019s \u201Cfine\u201D.");
        embedder.embed("don't worry, it's \"fine\".");

        assertThat(seen).containsExactly("don't worry, it's \"fine\".");
        TextEmbedder shipped = TextEmbedder.create();
        assertThat(shipped.embed("It\u2019s fine if it\u2019s a no.")).containsExactly(
                TextEmbedder.create().embed("It's fine if it's a no."));
    }

    @Test
    void warmingEmbedsEachNewTextOnceSideBySideAndTheCallerThenReadsTheCache() {
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        EmbeddingModel recording = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                segments.forEach(s -> seen.add(s.text()));
                threads.add(Thread.currentThread().getName());
                both.countDown();
                try { // two passes at once, or the test shows they ran one after the other
                    both.await(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Response.from(segments.stream().map(s -> Embedding.from(new float[] {1, 0, 0})).toList());
            }
        };
        TextEmbedder embedder = TextEmbedder.create(recording);
        embedder.embed("Thanks for the time.");
        seen.clear();
        threads.clear();

        embedder.warm(List.of("Thanks for the time. Where does this stand?", "Thanks for the time.",
                "Where does this stand?", "  where does this stand?  "));

        assertThat(seen).containsExactlyInAnyOrder("thanks for the time. where does this stand?",
                "where does this stand?");
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(threads).hasSize(2).anyMatch(t -> t.startsWith("dtr-embed-"));
            assertThat(both.getCount()).isZero();
        }
        embedder.embed("Where does this stand?");
        embedder.embed("Thanks for the time. Where does this stand?");
        assertThat(seen).hasSize(2);
    }

    @Test
    void warmedVectorsAreTheOnesTheCallerWouldHaveMade() {
        TextEmbedder warmed = TextEmbedder.create();
        List<String> texts = List.of(LINE, "Can we talk about where this is going?", "It's fine if the answer is no.");
        warmed.warm(texts);
        TextEmbedder fresh = TextEmbedder.create();
        for (String t : texts) {
            assertThat(warmed.embed(t)).containsExactly(fresh.embed(t));
            assertThat(warmed.embedFirstLayers(t, 3)).containsExactly(fresh.embedFirstLayers(t, 3));
        }
    }

    @Test
    void warmingWithoutACacheRunsNothing() {
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        EmbeddingModel recording = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                segments.forEach(s -> seen.add(s.text()));
                return Response.from(segments.stream().map(s -> Embedding.from(new float[] {1, 0, 0})).toList());
            }
        };
        TextEmbedder.uncached(recording).warm(List.of("One.", "Two.", "One. Two."));
        assertThat(seen).isEmpty();
    }

    @Test
    void anotherModelsOneVectorServesAsBoth() {
        EmbeddingModel counting = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return Response.from(segments.stream()
                        .map(s -> Embedding.from(new float[] {s.text().length(), 1, 0})).toList());
            }
        };
        TextEmbedder embedder = TextEmbedder.create(counting);

        assertThat(embedder.embedEarly("hello")).containsExactly(embedder.embed("hello"));
        assertThat(embedder.embed("hello")[0]).isGreaterThan(0.9f); // (5, 1, 0) at unit length
    }
}
