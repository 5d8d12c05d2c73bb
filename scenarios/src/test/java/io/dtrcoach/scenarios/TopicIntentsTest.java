package io.dtrcoach.scenarios;

import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.conversation.MatchedIntent;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Intent;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped scenarios' topic intents: each has a description and enough varied examples, matches its own
 * examples, and matches none of the lines below, which carry other moves (small talk, pitches, asking where the
 * deal stands, making no safe, the decision process, dated steps, pressure, admin) or are each scenario's own
 * non-topic lines. This is what a threshold must be justified by: a lower threshold, or a new example, that makes
 * an intent match one of these lines fails here.
 */
class TopicIntentsTest {
    private static final Path LIBRARY = Path.of("src/main/resources/scenarios");
    private static IntentMatcher matcher;
    private static List<Scenario> scenarios;

    /** Lines of every shared move, no scenario topic in them (written for this test, not the matcher's own generic lines). */
    static final List<String> GENERIC = List.of(
            "What's been keeping you busy lately?",
            "How was your weekend?",
            "How are you doing today?",
            "Good to see you again!",
            "Congrats on the new office, by the way.",
            "How's the family?",
            "Did you get any time off over the summer?",
            "Ha, my week has been just as mad.",
            "Thanks for making the time today.",
            "Got it, thanks.",
            "Makes sense.",
            "Can you hear me okay?",
            "Sorry I'm a couple of minutes late.",
            "I'll send the recording after the call.",
            "We've got about ten minutes left.",
            "Let me check my notes quickly.",
            "Our new dashboard cuts reporting time in half.",
            "We just launched a mobile app for managers.",
            "Would it help to speak to another customer who uses us?",
            "We have a webinar on this next week, you'd be welcome.",
            "Our support team is available around the clock.",
            "Where do things actually stand on your side?",
            "Is this still a priority for you, honestly?",
            "What's really holding this up?",
            "Are you ready to go ahead with us?",
            "So is this a yes or a no?",
            "It's completely fine if the answer is no.",
            "You won't hurt my feelings if it's a no.",
            "Can we agree that by the end of the call we'll know if it's a yes, a no or a next step?",
            "Who else needs to sign off on this?",
            "How does a decision like this get made at your company?",
            "Shall we book thirty minutes next Tuesday to go through it?",
            "So the timing is the real problem, not the product.",
            "Sounds like it's been a rough few weeks.",
            "So: the demos went well and the price is in range. Fair?",
            "Then the honest thing is for us to step back for now.",
            "Sorry, that came out pushier than I meant.",
            "If I don't have a signed order by Friday, I'm closing your file.",
            "The price goes up next month, so I'd sign now.",
            "Everyone in your industry has already switched to us.",
            "We've put a lot of work into this; I think we've earned an answer.",
            "You can see the value, surely?",
            "You need to get this in front of your boss this week.",
            "Just sign it and we'll sort out the details later.",
            "The weather here has been awful.",
            "asdf",
            "One sec, my dog is barking.",
            "Hi, thanks for jumping on.",
            "Morning! How's your week going?",
            "Did you have a good holiday?",
            "How did the move into the new building go?",
            "Ha, I know the feeling.",
            "Lovely weather for it, isn't it?",
            "How was the drive in?",
            "Hope the kids are well.",
            "Happy new year, by the way!",
            "Great to finally meet you in person.",
            "Sorry, you cut out for a second there.",
            "Let me share my screen.",
            "Could you say that again?",
            "I'll put the notes in an email after this.",
            "Shall I resend the invite?",
            "Hang on, let me grab a pen.",
            "I'll forward you the slides from today.",
            "We've just released a new reporting module.",
            "Our customers usually see a return within six months.",
            "I can show you a quick demo of the mobile app.",
            "We won an industry award for our onboarding last year.",
            "We integrate with all the major platforms.",
            "Our roadmap has some exciting features coming.",
            "I'd love to invite you to our customer event.",
            "Can I send you a case study from a similar company?",
            "Where are we with all this, honestly?",
            "Is this going anywhere, do you think?",
            "Have you given up on this project?",
            "What would you like to do from here?",
            "Are you still keen to go ahead?",
            "Be honest with me, is this dead?",
            "What's the status on your side?",
            "If the answer's no, just tell me.",
            "There's no obligation either way.",
            "It's genuinely your call.",
            "A clear no helps me more than a maybe.",
            "Can we agree what we want out of the next half hour?",
            "Who makes the final decision?",
            "What does the approval process look like from here?",
            "Does legal need to review the contract?",
            "When do you usually make decisions like this?",
            "Is anyone else involved in the decision?",
            "How about we meet again on Thursday the 9th?",
            "I'll send the proposal by Monday and we can review it Wednesday.",
            "Could we book a call with your boss next week?",
            "So you like the product but the timing's tricky.",
            "Sounds like you're stuck in the middle.",
            "You'd rather not be the one who says no.",
            "Let me recap: the demos went well and the team is keen.",
            "Thanks for being straight with me. I'll close the file for now.",
            "Let's leave it there and I'll check in next quarter.",
            "Sorry, I didn't mean to push.",
            "Let me take that back, that wasn't fair.",
            "Sign by Friday or we walk away.",
            "This offer expires at the end of the week.",
            "Slots for onboarding are filling up fast.",
            "Your competitors are already using us.",
            "Your boss is already on board, so it's really down to you.",
            "I'd be really disappointed if we walked away with nothing.",
            "My manager is asking why I've spent so long on this.",
            "It's the obvious choice, isn't it?",
            "So I can put you down as a yes?",
            "You have to make a decision this week.",
            "Just get it signed and we'll sort the rest out.",
            "Right.",
            "Okay, understood.",
            "Cool.",
            "Mm-hm.",
            "Thanks for your time today.",
            "What do you mean by that?",
            "Can you tell me more?",
            "What else is on your mind?",
            "How are things going on your side generally?",
            "What's new with you since we last spoke?",
            "How's everything at work?",
            "Anything exciting coming up for you?",
            "What are you working on at the moment?");

    /**
     * Each scenario's own lines that are not its topics: greetings with the names in the brief, its tests' asks, steps,
     * pitches and pressure. (Left out, because they do match: pitches made of the topic's own words, "Our invoice capture
     * reads handwritten notes", "Our scoring is fully automatic", and lines that name the topic, "Let me check I've
     * understood what each of you needs"; the scenarios' rules answer those right, with {@code !move('pitch')} and by
     * answering a dated step as the step.)
     */
    static final Map<String, List<String>> OWN_LINES = Map.of(
            "committee-call", List.of(
                    "And our support team is based in Toronto, same time zone.",
                    "Are we in a position to go ahead today?",
                    "Can we lock in a follow-up with all three of you next Thursday?",
                    "Could we use today to hear what each of you still needs, and agree together what happens next, even if that's 'not now'?",
                    "Dev, good to see you again after the demo.",
                    "Great to meet you, Joanne and Dev.",
                    "Happy to set up a sandbox for your team.",
                    "How would a decision like this normally get made here?",
                    "I'll send Dev both documents by the 7th. Could the four of us meet on the 12th to decide on the board question?",
                    "I'll send the deck to all three of you afterwards.",
                    "If now isn't the right time for Aldergrove, we can pause this and pick it up later. No hard feelings.",
                    "It roughly halves approval times for the credit unions that use it.",
                    "Joanne, lovely to meet you.",
                    "Let me walk you through the new approval dashboard we launched this spring.",
                    "Most credit unions go live within ten weeks.",
                    "Our approval workflow has a full audit trail.",
                    "Sara, thanks for pulling everyone together.",
                    "Sara, what do you think?",
                    "Sara, would you like to add anything before we start?",
                    "Sorry, that came out wrong. There's no rush from our side at all.",
                    "Thanks for having me, all of you. To be clear, nobody has to decide anything today.",
                    "Thanks, Dev.",
                    "This price is only good until the end of the month, so we really need to move.",
                    "We can also connect it straight into your core banking system.",
                    "We've got a user conference in May as well.",
                    "Whatever you decide, 'not yet' is a perfectly good answer.",
                    "Would it be a bad idea to talk about where this really stands for the three of you?",
                    "You really need to get this approved before the quarter closes."),
            "defensive-champion", List.of(
                    "Are you ready to go ahead with the contract?",
                    "Can I send you the updated pricing?",
                    "Good to hear from you, Marco.",
                    "Hi Marco, thanks for taking the call.",
                    "Hi Marco.",
                    "How are the warehouse teams getting on?",
                    "How was Rotterdam, by the way?",
                    "How's the team holding up?",
                    "I appreciate you taking the call at all.",
                    "I get that it's been hard, but this price only holds until Friday.",
                    "I know it's been slow on your side.",
                    "I need to know by Friday, or the pricing goes back to list.",
                    "I'll build a scanner-only proposal under forty thousand by Friday. Could we go through it together on the 4th?",
                    "I'll send over the notes from the roundtable.",
                    "If it's a no, that's genuinely fine.",
                    "It's been a long few weeks for everyone.",
                    "Let me know if there's anything I can do.",
                    "Marco, thanks for making the time.",
                    "Okay. Then let's pause this for now. Thanks for being straight with me.",
                    "Our new dashboard makes the cost case much easier to build.",
                    "Sorry, that was the wrong moment to ask. Let's park the contract for now.",
                    "Sounds like the last week has been a lot.",
                    "Sounds like you've been under a lot of pressure.",
                    "Thank you for telling me.",
                    "We had a great roundtable in Rotterdam.",
                    "We've put two demos and nine weeks into this, so I think we're owed an answer.",
                    "Where does that leave us?"),
            "early-upfront-contract", List.of(
                    "And approvals can be done from a phone in two taps.",
                    "Clearledger automates invoice capture, matching and approvals end to end.",
                    "Could we get Ben and your AP lead on a forty-five minute call next Thursday to go through twenty real invoices?",
                    "Great to meet you, Nadia.",
                    "Happy to show you a quick demo of the approval workflow if that helps.",
                    "Hi Nadia, good to meet you properly.",
                    "Honestly, you need to make a decision on this by the end of the month.",
                    "I read that Quill & Ember just launched a new imprint, congrats.",
                    "I'll send you a copy of the slides after this.",
                    "Is this something you'd want to go ahead with?",
                    "Most of our customers go live in about six weeks.",
                    "Nadia, how are you?",
                    "Nadia, thanks for the time.",
                    "Our customers love the approval app.",
                    "Our onboarding slots for this quarter are nearly gone, so I'd sign up soon.",
                    "Our support team is based in the UK, by the way.",
                    "Sorry, I should have asked first: can we agree what you want out of today, and be honest if it's not a fit?",
                    "Sorry, that came out wrong. I didn't mean to push you.",
                    "Thanks for booking this. Could I suggest how we use the thirty minutes, and if by the end it doesn't look like a fit, you just tell me?",
                    "Thanks, that's helpful.",
                    "What did you think of the overview demo?",
                    "What time do you need to leave today?",
                    "Who besides you will have a say in choosing something like this, and by when?"),
            "no-budget-friendzone", List.of(
                    "Are you coming to the next meetup?",
                    "Come on, you've been to every webinar, you're obviously going to buy, aren't you?",
                    "Did you catch the blog post we put out on multi-touch models?",
                    "Ellie, great to see you!",
                    "Ellie, how have you been?",
                    "Hi Ellie! Great to see you again. How are things at Corvo?",
                    "How did the summer campaigns perform?",
                    "How is everyone on your team?",
                    "How was the June meetup for you?",
                    "I'll forward you our new benchmark study.",
                    "I'll send the slides from the webinar.",
                    "It's fine if this is a no. Where are we really with this?",
                    "Loved your LinkedIn post last week.",
                    "My boss has you down as a commit for next quarter, so I really need this one.",
                    "Our attribution model handles offline sales too.",
                    "Shall I set up a demo of the new release for you?",
                    "Sorry, that wasn't fair of me. Forget I said it.",
                    "Thank you for telling me, I really appreciate it. If money did come back, who would own this above you?",
                    "Thanks, that's really helpful.",
                    "That makes total sense. Let's call it a no for this year, and I'll take you out of my forecast.",
                    "We've just added a new dashboard for email journeys, you'd love it.",
                    "We've put three demos and a workshop into this, I think we deserve a straight answer.",
                    "Which talk did you like best at the June meetup?"),
            "ready-to-sign", List.of(
                    "Brilliant, thanks. Who signs on your side, and could we aim to have it signed by the 14th?",
                    "Brilliant. I'll send some information over and we'll go from there.",
                    "Daniel, good to speak.",
                    "Daniel, thanks for setting this up. Straight question: are you ready to go ahead with us?",
                    "Did I mention our new analytics module? It shows no-shows by clinic.",
                    "Good to see you, Daniel. How was the conference? And more importantly, are you ready to move ahead?",
                    "Great. Then I'll get everything to Ana tomorrow, signature by the 14th, kickoff on the 21st. Does that work?",
                    "How was the rest of the conference?",
                    "I'll send the contract and the data processing agreement to Ana today. Could we have it signed by the 12th and kick off on the 19th?",
                    "I'll send the paperwork today.",
                    "Let me walk you through our new waitlist feature, it's really clever.",
                    "Let's aim to sign by the 12th and kick off on the 19th.",
                    "Our reminders cut no-shows by a third.",
                    "Shall we go ahead? Our prices go up next month, so sooner is better.",
                    "Shall we pencil in the kickoff for the 19th?",
                    "So, where are you at with all this?",
                    "Sorry, forget what I said about prices. There's no rush from our side at all.",
                    "Sorry, that was me getting ahead of myself. There's no deadline from our side.",
                    "Thanks for asking for this call.",
                    "We can only hold this price until Friday, so it'd be good to get it signed this week.",
                    "We've also just launched two-way texting for appointment reminders.",
                    "What do you need from me to get this moving?",
                    "When suits you for the next call?",
                    "Who signs on your side, and what will they need from us?",
                    "Who would sign the contract on your side?",
                    "You'd be mad to wait any longer, wouldn't you?"),
            "stalled-after-demos", List.of(
                    "And if this has dropped off your list, that's okay. You won't hurt my feelings.",
                    "Before anything else: if this has dropped down your list, that's completely okay. I'd rather hear a no than keep guessing.",
                    "Could we use the half hour to work out whether this is a yes, a no or not now? Any of those is fine with me.",
                    "Great, thanks.",
                    "Ha, I hear you. Anything fun planned for the holidays?",
                    "Ha, same here.",
                    "Hannah, lovely to see you.",
                    "Hi Hannah, how are you?",
                    "How was the breakfast event for you?",
                    "How was the breakfast for you?",
                    "I'll send you the deck after the call.",
                    "I'll send you the recording of the webinar as well.",
                    "If it's slipped, we can park it for now and I'll stop chasing you. That's completely fine.",
                    "Is this still something you want to do this year?",
                    "Just so you know, this price only holds until Friday, so I need your decision this week.",
                    "My manager keeps asking why I've spent two months on this account.",
                    "No hard feelings if the answer's no, by the way.",
                    "So where does this honestly stand for you?",
                    "Thanks for making time, I know it's been busy.",
                    "Thanks for squeezing me in. Where do things stand for you? Happy to send more case studies too.",
                    "That helps a lot, thank you. How will Raj make the call, and by when?",
                    "Then I'll send you a three-year side-by-side by the 14th. Could you set up half an hour with Raj that week?",
                    "Then it makes sense for us to step back for now rather than be your benchmark. I'll close it out on our side.",
                    "What's really going on with this on your side?",
                    "Would you like a walkthrough of the new coaching module?",
                    "You'd agree this is the obvious choice for your team, wouldn't you?"));

    @BeforeAll
    static void load() throws IOException {
        matcher = new IntentMatcher(TextEmbedder.create());
        scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(LIBRARY)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                scenarios.add(new ScenarioLoader().load(f).orThrow());
            }
        }
        assertThat(scenarios).extracting(Scenario::id).containsAll(OWN_LINES.keySet());
    }

    @TestFactory
    Stream<DynamicTest> every_topic_intent_has_a_description_and_about_25_examples_and_matches_them() {
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
            for (Intent intent : s.intents().values()) {
                assertThat(intent.description()).as(intent.id()).isNotBlank();
                assertThat(intent.examples()).as(intent.id()).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates();
                for (String example : intent.examples()) {
                    assertThat(matcher.match(s, example)).as("%s: \"%s\"", intent.id(), example)
                            .extracting(MatchedIntent::id).contains(intent.id());
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> no_topic_intent_matches_lines_of_other_moves() {
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
            List<String> lines = new ArrayList<>(GENERIC);
            lines.addAll(OWN_LINES.getOrDefault(s.id(), List.of()));
            List<String> wrong = new ArrayList<>();
            for (String line : lines) {
                List<MatchedIntent> m = matcher.match(s, line);
                if (!m.isEmpty()) {
                    wrong.add("\"" + line + "\" -> " + m);
                }
            }
            assertThat(wrong).as("lines of other moves that matched a topic intent").isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_threshold_sits_above_the_lines_of_other_moves() {
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
            List<String> lines = new ArrayList<>(GENERIC);
            lines.addAll(OWN_LINES.getOrDefault(s.id(), List.of()));
            for (Intent intent : s.intents().values()) {
                for (String line : lines) {
                    assertThat(matcher.similarity(s, intent.id(), line)).as("%s: \"%s\"", intent.id(), line)
                            .isLessThan(intent.threshold());
                }
            }
        }));
    }
}
