package io.dtrcoach.core.scenario;

import java.util.List;

/**
 * What the rep sees before the call.
 *
 * @param prospect   who the prospect is, in one line ("Priya Shah, Head of Operations at Northwind")
 * @param situation  what is going on now
 * @param history    the deal so far
 * @param objective  what a good call achieves
 * @param maxTurns   the rep's turn limit; the conversation ends after this many rep turns
 */
public record Brief(String prospect, String situation, History history, String objective, int maxTurns) {

    /**
     * @param weeksInCycle      weeks since the first meeting
     * @param demos             demos given
     * @param scoped            whether the project was scoped together
     * @param pricingSent       whether pricing was sent
     * @param referencesCalled  reference customers the prospect spoke to
     * @param events            other touch points (networking events, dinners…)
     */
    public record History(int weeksInCycle, int demos, boolean scoped, boolean pricingSent,
                          int referencesCalled, List<String> events) {
        public History {
            events = List.copyOf(events);
        }
    }
}
