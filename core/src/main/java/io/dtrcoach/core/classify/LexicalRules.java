package io.dtrcoach.core.classify;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Precise phrase rules for what sentence embeddings blur: question form, tag questions, deadlines tied to a
 * threatened consequence, "everyone else already…", "we've earned…", "you need to…". Each rule names the
 * phrase family it stands for; each has the hard negatives it must not fire on in the example set and tests.
 * Stateless and thread-safe.
 */
final class LexicalRules {
    /** Rule confidences: how often the phrase family means the move when it appears. */
    static final double SURE = 0.95;
    static final double LIKELY = 0.8;
    static final double HINT = 0.6;

    /**
     * A rule's pattern. No case-insensitive flag: every rule runs on text already lower-cased (Locale.ROOT), and
     * Unicode case-insensitive matching folds the case of every character it compares (measured: the rules were a
     * fifth of the server's CPU under load, most of it in that folding). The patterns hold no upper-case letters.
     */
    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    // ---- question form -------------------------------------------------------------------------------------
    private static final Set<String> WH = Set.of("what", "what's", "whats", "how", "how's", "hows", "why", "where",
            "where's", "when", "which", "who", "who's", "whom", "whose");
    private static final Set<String> AUX = Set.of("is", "isn't", "are", "aren't", "was", "wasn't", "were", "weren't",
            "do", "does", "did", "don't", "doesn't", "didn't", "have", "has", "had", "haven't", "hasn't", "can",
            "can't", "could", "couldn't", "would", "wouldn't", "will", "won't", "should", "shouldn't", "shall", "may",
            "might", "must", "am");
    /** Words that open a sentence without deciding its form ("So, what…", "Honestly, is…", "And how…"). */
    private static final Pattern DISCOURSE = p("^(?:(?:so|and|but|okay|ok|well|honestly|candidly|now|then|look|"
            + "also|just|quick question|one more thing|out of curiosity|i'm curious|frankly|seriously)\\b[,:]?\\s+)+");
    private static final Pattern VOCATIVE = Pattern.compile("^[A-Z][a-z]+,\\s+");
    private static final Pattern CHUNK = Pattern.compile("\\s*(?:,|;|:|\\s[—–-]\\s)\\s*");
    private static final Pattern SUGGESTION = p("^(?:how|what) about (?:i|we|you|if)\\b");
    private static final Pattern OPEN_IMPERATIVE = p("^(?:tell me|walk me through|talk me through|help me understand|"
            + "describe|share (?:with me )?(?:more|how|what|a bit)|say more)\\b");

    // ---- pressure.leading ----------------------------------------------------------------------------------
    private static final Pattern TAG = p("(?:,|\\s[—–-])\\s*(?:right|correct|yes|yeah|no|agreed|okay|ok|true|"
            + "isn't it|isn't that so|isn't that true|aren't (?:you|we|they)|doesn't it|don't (?:you|we|they)"
            + "(?: think| agree)?|wouldn't (?:you|it|they|we)(?: agree| say)?|won't (?:you|it|we)|"
            + "can't (?:you|i|we|it)|couldn't (?:you|we)|isn't (?:he|she|that|there|this)|is (?:it|there|he|she)|"
            + "do (?:you|we|they)|are (?:you|we)|would (?:you|it)|didn't (?:you|it|we|they)|haven't (?:you|we)|"
            + "hasn't (?:it|he|she)|shouldn't (?:we|you|it)|have (?:you|we)|does it|did (?:you|it)|will (?:you|it)|"
            + "can (?:you|i|we)|was it|wasn't it|weren't (?:you|they))\\s*\\?\\s*$");
    private static final Pattern NEGATIVE_AUX_OPENING = p("^(?:isn't|aren't|wouldn't|doesn't|don't|won't|shouldn't|"
            + "can't|couldn't|didn't|haven't|hasn't)\\s+(?:it|you|we|that|this|they|there)\\b");
    private static final Pattern PRESUMING = p("\\b(?:surely|obviously|of course you|clearly you|"
            + "you'?d agree|you would agree|you'?ll agree|i'?m sure you(?:'ll| will)? agree|we both know|"
            + "any (?:reasonable|sensible|smart|rational) (?:person|buyer|company|team|leader)|who wouldn't|"
            + "nobody (?:would|in their right mind)|no one would|there'?s no reason not to|you'?d be (?:crazy|mad|foolish)|"
            + "don'?t you think|wouldn'?t you agree)\\b");
    private static final Pattern ASSUMPTIVE = p("^(?:i assume|i'?m assuming|i take it|i trust|so i can (?:tell|put|assume|"
            + "book|count)|so we'?re (?:good|agreed|all set|set|ready)|so you'?re (?:happy|good|ready|in|on board))\\b");
    private static final Pattern ALTERNATIVE_CLOSE_VERB = p("\\b(?:sign(?!\\s+off)|start|kick(?:ing)?[- ]?off|begin|"
            + "go with|put you down|roll[- ]?out|go live|onboard)\\b");
    private static final Pattern EITHER_OR = p("\\bor\\b");

    // ---- pressure.ultimatum --------------------------------------------------------------------------------
    private static final Pattern ASK_WORD = p("\\b(?:sign|signs|signed|signature|commit|commitment|decide|decision|"
            + "yes|answer|order|po|purchase order|approve|approval|confirm|hear back|agreement|contract|accept)\\b");
    private static final Pattern NEGATED_CONDITION = p("\\bif\\b([^.;?!]{0,80}?)(?:,|\\bthen\\b|\\bi'|\\bwe'|\\bthe deal|$)");
    private static final Pattern NEGATION = p("(?:n't|\\bnot\\b|\\bno\\b)");
    private static final Pattern UNLESS_WITHOUT = p("\\b(?:unless|without (?:a|an|the|your|any)?\\s*(?:signed|signature|"
            + "decision|commitment|yes|answer|po|order|approval|agreement))\\b|\\bno (?:signature|decision|commitment|"
            + "answer|yes|po)\\b");
    private static final Pattern OR_ELSE = p("\\b(?:or(?: else)?|otherwise|either)\\b");
    private static final Pattern REP_THREAT = p("\\b(?:i|we)(?:'m| am|'re| are|'ll| will|'ll have to| have to| need to|"
            + "'m going to|'re going to| am going to| are going to)?\\s+(?:\\w+\\s+)?(?:pull|pulling|withdraw|withdrawing|"
            + "walk away|walking away|move on|moving on|close|closing|cancel|cancelling|canceling|shut|shutting|stop|"
            + "stopping|end|ending|release|releasing|give|giving|take|taking|offer|offering|escalate|escalating|assume|"
            + "done|out|can't keep|won't keep|remove|removing|drop|dropping|reassign|reallocate)\\b");
    private static final Pattern LOSS = p("\\b(?:off the table|deal'?s off|deal is off|gone for good|go(?:es)? away|"
            + "goes to (?:another|the next|someone|a|your)|(?:offer|slot|pricing|price|discount|terms)(?: \\w+)? "
            + "(?:is |are |will be )?(?:gone|withdrawn)|lose (?:the|your)|don'?t expect the same|we'?re (?:done|out)|"
            + "i'?m done|done here|off my list|means we (?:cancel|pull|stop|release))\\b");
    private static final Pattern TAKE_IT_OR_LEAVE_IT = p("\\b(?:take it or leave it|final offer|last chance to sign)\\b");

    // ---- pressure.false_urgency ----------------------------------------------------------------------------
    private static final List<Pattern> URGENCY = List.of(
            p("\\b(?:discount|price|pricing|offer|rate|promotion|promo|deal|terms|bundle|special)\\b[^.;?]{0,40}?"
                    + "\\b(?:expires?|expiring|ends|ending|disappears?|vanish(?:es)?|goes away|go(?:es)? up|going up|"
                    + "won'?t (?:be (?:here|around|available)|last|survive|come back)|only (?:good|valid)|until|till|"
                    + "today only|is gone|runs out)\\b"),
            p("\\b(?:can only|only) hold (?:this|the|that)\\b"),
            p("\\b(?:prices?|rates?|costs?|fees?) (?:go|goes|are going|is going|will go|will be going) up\\b"),
            p("\\b(?:only|just) (?:\\w+ )?(?:one|two|three|four|five|a few|a couple of|\\d+) (?:\\w+ )?(?:slots?|spots?|"
                    + "places?|seats?|licen[cs]es|openings?)(?: \\w+)? left\\b"),
            p("\\b(?:slots?|spots?|calendar|capacity|seats?)\\b[^.;?]{0,30}\\b(?:filling up|fill up|will be full|"
                    + "be full|running out|almost gone)\\b"),
            p("\\b(?:almost|nearly) out of (?:capacity|slots|spots|seats)\\b"),
            p("\\b(?:now or never|limited[- ]time|time is running out|running out of time|today only|one[- ]time "
                    + "(?:offer|promotion|deal)|before it'?s too late|last (?:week|day|chance) (?:i|we) can)\\b"),
            p("\\b(?:if you wait|the longer you wait|waiting (?:another|any longer|longer))\\b[^.;?]{0,40}\\b(?:miss|lose|"
                    + "regret|cost)"),
            p("\\bdecide (?:now|today|quickly|fast|right away)\\b"));

    // ---- pressure.peer -------------------------------------------------------------------------------------
    private static final Pattern PEER_SUBJECT = p("\\b(?:everyone else|everybody else|every other|all (?:of )?your|"
            + "all the other|most (?:\\w+ ){0,2}\\w+s|(?:three|two|four|five|ten|several|many|"
            + "half|\\d+) of your|your (?:competitors?|peers|counterparts?|colleagues|rivals|main competitor)|"
            + "the other (?:\\w+ ){0,2}\\w+s|the rest of (?:your|the)|companies like yours|"
            + "(?:companies|teams|firms) your size|every (?:\\w+ )?(?:customer|company|client|team|firm|business|buyer|\\w+ in)|"
            + "nobody else|no one else|\\d+ companies)\\b");
    private static final Pattern PEER_ACT = p("\\b(?:already|switched|signed|bought|made (?:the|this) (?:switch|move)|"
            + "on board|on our platform|uses? us|using (?:us|it|this|our)|decided|didn'?t (?:hesitate|need|ask)|"
            + "locked in|convinced|agreed|went with|rolled (?:it )?out|moved|asked for|are ahead|pulling ahead)\\b");
    private static final Pattern AUTHORITY = p("\\byour (?:ceo|cfo|coo|cto|cio|ciso|boss|manager|director|vp|"
            + "head of \\w+|board|[a-z]+ team|colleagues?|chairman|owner)\\b[^.;?]{0,40}\\b(?:already|is ready|he'?s ready|"
            + "she'?s ready|they'?re ready|green light|fully behind|behind this|is on board|signed off|is all in|all in|"
            + "expects|approved)\\b");
    private static final Pattern HOLDOUT = p("\\b(?:(?:it'?s|it is) (?:really |just |only |all )?down to you|"
            + "waiting on you|you'?re the (?:last|holdout|odd one|only one)|"
            + "the odd one out|the holdout|what'?s the hold-?up|you'?re (?:falling )?behind|(?:it'?s|it is) "
            + "(?:really |just )?you now)\\b");
    /**
     * "Holding this up" blames only with the buyer as subject ("you're the one holding this up", "your team is
     * holding things up"); "Can I ask what's holding things up?" asks about the obstacle and is no pressure.
     */
    private static final Pattern HOLDING_UP = p("(?:\\byou(?:'re| are)?|\\byour \\w+(?: \\w+)? (?:is|are)|"
            + "\\b(?:it'?s|it is) (?:only |just |really )?you)\\b[^.;?]{0,25}\\bholding (?:this|things|it|everything) up\\b");

    // ---- pressure.guilt ------------------------------------------------------------------------------------
    private static final List<Pattern> GUILT = List.of(
            p("\\b(?:we'?ve|i'?ve|we have|i have) earned\\b"),
            p("\\b(?:we|i) (?:think we |really )?deserve\\b"),
            p("\\bdeserves? (?:a|an|some|your)? ?(?:commitment|decision|yes|answer|signature)\\b"),
            p("\\bleast you (?:can|could)\\b|\\bthe least we deserve\\b"),
            p("\\bafter (?:all|everything) (?:we'?ve|i'?ve|we|i|the|that)\\b"),
            p("\\bafter (?:the|all the) (?:discounts?|work|effort|hours|demos|free \\w+) (?:we|i)\\b"),
            p("\\b(?:neck out|out on a limb|bent over backwards|bent the rules|on the line with|in (?:real )?trouble with "
                    + "my|letting (?:my|the|our) \\w+ (?:\\w+ )?down|let (?:me|us) down|my (?:job|quota|bonus|commission) "
                    + "(?:is|depends)|counting on you|your turn|only fair you|nothing to show for it)\\b"),
            p("\\b(?:months|weeks|hours|weekends)\\b[^.;?]{0,30}\\b(?:put in|into (?:this|you|your)|(?<!\\bis |'s |\\bwas )on (?:this|you|your)|"
                    + "spent|given up)\\b"),
            p("\\b(?:we'?ve|i'?ve|we have|i have) (?:spent|put|invested|given up) (?:\\w+ ){0,2}(?:months|weeks|hours|"
                    + "weekends|so much)\\b"),
            p("\\b(?:just for you|for you,? free of charge|for free, so)\\b"),
            p("\\bnow you'?re (?:backing|walking|pulling) (?:out|away)\\b"));
    private static final Pattern OWE = p("\\byou owe (?:us|me)\\b");
    private static final Pattern OWE_NEGATED = p("\\b(?:don'?t|do not|never|no need to)\\s+(?:\\w+\\s+){0,2}owe\\b");

    // ---- pressure.controlling ------------------------------------------------------------------------------
    private static final Pattern YOU_MUST = p("\\byou(?:'ve got to|'ve gotta| (?:really |just |simply |absolutely )?"
            + "(?:need to|have to|must|have got to|got to|gotta|ought to|should))\\b");
    private static final Pattern YOU_MUST_VETO_BEFORE = p("\\b(?:do|does|did|would|will|what|if|when|anything|"
            + "whatever|that|where|why|how|unless|whether)\\s+(?:\\w+\\s+)?$");
    private static final Pattern YOU_SHOULD_SOFT = p("\\byou should (?:feel|know|have|see|be able|get (?:it|the invite)|"
            + "receive)\\b");
    private static final Pattern CONTROLLING = p("\\b(?:i(?:'m| am)? (?:going to |gonna )?need you to|i need you to|"
            + "you'?d better|you had better|no choice but|it'?s on you to|make sure (?:your|you) \\w+ (?:signs?|approves?|"
            + "gets?)|get it done)\\b");
    private static final Pattern IMPERATIVE = p("^(?:just )?(?:sign|approve|commit|push|tell your|get your|go back|"
            + "send me the signed|stop \\w+ing|make sure your|just send|just get|just do)\\b");

    // ---- good-practice moves -------------------------------------------------------------------------------
    private static final List<Pattern> PERMISSION = List.of(
            p("\\b(?:no hard feelings|won'?t take it personally|won'?t be offended|under no obligation|can take a no|"
                    + "no wrong answer|including (?:a )?no|i'?ll (?:understand|respect (?:it|that|whatever)))\\b"),
            p("\\b(?:won'?t|wouldn'?t|will not|not going to) (?:upset|offend|hurt) (?:me|my)\\b"),
            p("\\b(?:free|welcome) to (?:say no|tell me|turn|walk|pass|decline|say so)\\b"),
            p("\\bno is (?:a|an|one|totally|completely|perfectly|fine|okay|ok|absolutely)\\b"),
            p("\\b(?:a|that'?s a) (?:(?:totally|completely|perfectly|genuinely|really) )?(?:clear|straight|clean|plain|"
                    + "fine|perfectly good|good|legitimate|acceptable|honest) (?:no|answer)\\b"),
            p("\\b(?:it'?s|that'?s|is|it is|that is) (?:totally |completely |perfectly |absolutely |genuinely |really "
                    + "|also )?(?:fine|okay|ok|alright|all right|acceptable) (?:to (?:say|tell|walk|pass|decide|turn)|"
                    + "if (?:you|the|this|it|your|we)|by me|with me)\\b"),
            p("\\byou don'?t (?:have|need) to (?:say yes|give me a yes|commit|decide|buy|agree)\\b"),
            p("\\bdon'?t (?:feel|think) (?:like )?you owe\\b|\\byou don'?t owe\\b"),
            p("\\b(?:rather (?:hear|have) (?:a|an|the|it|\"|no))|\\byou can (?:say no|say so|tell me if)\\b"),
            p("\\bif (?:so|not|it is|that'?s the case|it isn'?t)\\b[^.]*\\b(?:fine|okay|alright|acceptable)\\b"),
            p("\\b(?:nobody|no one|no-one) (?:needs? to|has to|is (?:expected|going) to) "
                    + "(?:commit|decide|sign|agree|buy|choose|promise)\\b"),
            p("\\b(?:there'?s |there is )?no (?:rush|pressure|hurry)\\b|\\btake (?:your|all the) time\\b|"
                    + "\\bno need to (?:decide|commit|rush)\\b"));
    private static final List<Pattern> DTR = List.of(
            p("\\bwhere\\b[^?.]{0,50}\\b(?:stand|stands|going|heading|headed|landing|leaning|sit|sits)\\b"),
            p("\\bwhere (?:are|is) (?:we|things|this)\\b(?: with| on| at)?"),
            p("\\b(?:head at|gut feeling|honest (?:read|take|status|answer)|where we (?:really )?stand|"
                    + "still (?:a |an )?(?:priority|alive|live|happening|interested|planning|on (?:the|your) "
                    + "(?:table|roadmap|list|radar)|(?:a |an )?(?:serious )?option|going ahead|in the running)|"
                    + "given up on|been shelved|on hold|been parked|dead in the water|going anywhere|step back from|"
                    + "call it off|time to call it|off your radar|fallen off|in the running|become a no|a no for now|"
                    + "the odds|chances (?:are|that)|how likely|lost (?:this|out)|wasting (?:each other'?s|your|our) time|"
                    + "move forward with us|go another way|this deal is real|deal (?:is )?real|where this is going)\\b"));
    private static final List<Pattern> SUMMARY = List.of(
            p("^(?:so,? )?(?:to (?:recap|summari[sz]e|sum up)|recapping|let me (?:play|make sure|check|summari[sz]e|"
                    + "recap)|what i'?m hearing|if i(?:'ve)? understand|if i'?m hearing|(?:it )?sounds like|just (?:so|to) "
                    + "(?:i'?m clear|play|recap)|in (?:short|other words|summary)|just so i have|you (?:said|mentioned) "
                    + "(?:earlier|that|before)|from what you'?ve said|so what you'?re (?:saying|telling)|you'?re saying)\\b"),
            p("\\b(?:did i get that right|have i got that right|is that right|fair summary|anything i missed|"
                    + "correct me if)\\b"));
    private static final Pattern DAY = p("\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|"
            + "tonight|today|this (?:afternoon|morning|evening|week)|next (?:week|month)|end of (?:day|the day)|"
            + "the \\d{1,2}(?:st|nd|rd|th)|\\d{1,2}(?:st|nd|rd|th)|\\d{1,2}(?::\\d\\d)? ?(?:am|pm)|at \\d{1,2}|"
            + "noon|week after next)\\b");
    private static final List<Pattern> NEXT_STEP = List.of(
            p("\\b(?:i'?ll|i will|we'?ll|let me) (?:send|email|book|set up|draft|share|get|put|follow up|check|have|hold|"
                    + "call|ask|schedule|circulate|forward|prepare|pencil)\\b"),
            p("\\blet'?s (?:book|meet|schedule|pencil|plan|put|set|agree|reconvene|get|lock|find|hold)\\b"),
            p("\\b(?:shall|should|can|could) (?:we|i) (?:book|schedule|set up|get|put|lock|send|pencil|find)\\b"),
            p("\\b(?:works|suits me|is fine|is good|is great) (?:on my side )?for the\\b"));

    private static final List<Pattern> DECISION = List.of(
            p("\\bwho (?:else|besides|signs|owns|holds|has (?:a say|the final|a vote|sign)|needs to (?:sign|approve|"
                    + "weigh in|be involved)|could block|makes the (?:final )?(?:call|decision))\\b"),
            p("\\b(?:approval (?:process|limit|step|threshold)|sign[- ]off (?:steps|process)|final (?:signature|sign[- ]off|"
                    + "say)|signing authority|decision[- ]mak(?:er|ers|ing)|procurement|purchasing|paperwork|vendor "
                    + "(?:onboarding|set-?up|registration|form)|legal (?:team|review)|security (?:review|questionnaire)|"
                    + "(?:budget|finance|steering|capital|investment) committee|board approval|budget (?:owner|holder|line|"
                    + "cycle|approval|request)|own paper|contract template|competing bids)\\b"),
            p("\\bhow (?:do|does|did|have|has|would) (?:a |the )?(?:decision|purchase|purchases|buying|approvals?)\\b"),
            p("\\bneeds? to (?:approve|sign off|sign this|go through)\\b"));
    /** Statements that ask nonetheless ("Walk me through…", "I'd like to understand…"). */
    private static final Pattern ASKING = p("^(?:tell me|walk me through|talk me through|help me understand|"
            + "describe|share (?:with me )?(?:more|how|what|a bit)|say more|i'?d (?:like|love) to (?:understand|know|hear|"
            + "learn)|i'?m (?:curious|wondering) (?:about|how|who|what|whether|if)|i want to understand)\\b");
    private static final Pattern EMPATHY_BLAME_FREE = p("\\b(?:none of (?:this|that|it) is on you|not your fault|"
            + "no fault of yours)\\b");
    private static final Pattern EMPATHY_TOUGH = p("\\b(?:that sounds|sounds like) (?:like )?(?:a |an )?(?:really |so |"
            + "very |pretty )?(?:stressful|tough|hard|exhausting|rough|brutal|hectic|lot|busy|intense)\\b");
    private static final List<Pattern> RAPPORT = List.of(
            p("^(?:thanks|thank you|many thanks|congrat\\w*|great to|good to|lovely to|nice to|so good to|"
                    + "good (?:morning|afternoon|evening)|happy (?:\\w+day|new year|holidays)|hope (?:you|the|your)|"
                    + "i hope (?:you|the|your)|i (?:really )?appreciate|appreciate (?:you|it)|i'?m (?:so )?sorry|"
                    + "sorry to hear|i hear you|it'?s been a pleasure)\\b"),
            EMPATHY_BLAME_FREE,
            EMPATHY_TOUGH,
            p("\\bhow (?:was|is|are|'s|did|have) (?:your|the|you|everyone)\\b[^?]{0,25}\\b(?:weekend|holiday|holidays|"
                    + "vacation|trip|time off|break|family|kids|baby|wedding|game|match|race|run|move|conference|offsite|"
                    + "doing|been|holding up|settling)\\b"),
            p("\\b(?:did you (?:have|get|manage to get|catch|enjoy)) (?:a |any |the )?(?:good |nice |some )?(?:weekend|"
                    + "holiday|holidays|break|time off|game|match|rest)\\b"),
            p("\\bcongratulations\\b|\\bwell deserved\\b|\\bgreat news\\b"));

    /**
     * Lines that take pressure off: an apology for pushing, thanking the buyer for candour. Embeddings put them next
     * to the pressure they mention or undo ("pushier", "bow out", "weeks… on you"), so the neighbours may not add
     * pressure to a sentence that carries one (see {@link #deescalates}). A threat still counts: rules come first.
     */
    private static final List<Pattern> DEESCALATION = List.of(
            p("\\b(?:came out|came across|sounded|was being|i was) (?:\\w+ )?(?:pushier|pushy|too (?:pushy|strong|hard|"
                    + "forceful)|harsh|aggressive|heavy-handed)\\b"),
            p("\\b(?:didn'?t|did not|never) (?:mean|want|intend) to (?:push|pressure|rush|corner)\\b"),
            p("\\bthank(?:s| you) for being (?:so )?(?:straight|honest|candid|open|upfront|up front|clear|frank|direct)\\b"),
            p("\\bappreciate (?:the|your) (?:honesty|candou?r|frankness|straight answer)\\b"));
    /** Stepping back after a no, when it is not tied to a condition ("if you don't…", "unless…", "or…"). */
    private static final Pattern STEP_BACK = p("\\b(?:bow out|bowing out|step back|stepping back|step aside|withdraw|"
            + "close (?:this|it) out|stop chasing|won'?t keep chasing|leave it there|call it a day)\\b");
    private static final Pattern CONDITIONAL = p("\\b(?:if|unless|or|otherwise|until)\\b");

    private LexicalRules() {
    }

    /** The moves the rules find in one sentence, with their confidence. */
    static Map<MoveLabel, Double> apply(String rawSentence) {
        Map<MoveLabel, Double> hits = new EnumMap<>(MoveLabel.class);
        String sentence = Segmenter.normalise(rawSentence);
        String body = VOCATIVE.matcher(sentence).replaceFirst("");
        String lower = body.toLowerCase(Locale.ROOT);
        String core = DISCOURSE.matcher(lower).replaceFirst("");
        boolean question = lower.endsWith("?");

        boolean leading = leading(core, lower, question);
        if (leading) {
            hits.put(MoveLabel.PRESSURE_LEADING, LIKELY);
        } else {
            form(core, question).ifPresent(form -> hits.put(form, SURE));
        }
        if (ultimatum(lower)) {
            hits.put(MoveLabel.PRESSURE_ULTIMATUM, LIKELY);
        }
        if (URGENCY.stream().anyMatch(u -> u.matcher(lower).find())) {
            hits.put(MoveLabel.PRESSURE_FALSE_URGENCY, LIKELY);
        }
        if ((PEER_SUBJECT.matcher(lower).find() && PEER_ACT.matcher(lower).find())
                || AUTHORITY.matcher(lower).find() || HOLDOUT.matcher(lower).find() || HOLDING_UP.matcher(lower).find()) {
            hits.put(MoveLabel.PRESSURE_PEER, LIKELY);
        }
        if (GUILT.stream().anyMatch(g -> g.matcher(lower).find())
                || (OWE.matcher(lower).find() && !OWE_NEGATED.matcher(lower).find())) {
            hits.put(MoveLabel.PRESSURE_GUILT, LIKELY);
        }
        if (controlling(core, lower)) {
            hits.put(MoveLabel.PRESSURE_CONTROLLING, LIKELY);
        }
        boolean pressure = hits.keySet().stream().anyMatch(MoveLabel::isPressure);
        if (!pressure) {
            if (PERMISSION.stream().anyMatch(x -> x.matcher(lower).find())) {
                hits.put(MoveLabel.PERMISSION_NO, LIKELY);
            }
            if (DTR.stream().anyMatch(x -> x.matcher(lower).find())) {
                hits.put(MoveLabel.DTR_ASK, HINT);
            }
            if (SUMMARY.stream().anyMatch(x -> x.matcher(core).find())) {
                hits.put(MoveLabel.SUMMARY, HINT);
            }
            if (NEXT_STEP.stream().anyMatch(x -> x.matcher(lower).find()) && DAY.matcher(lower).find()) {
                hits.put(MoveLabel.NEXT_STEP, HINT);
            }
            // Mentioning legal or procurement is not learning the process: the rule counts only when the line asks.
            if ((question || ASKING.matcher(core).find()) && DECISION.stream().anyMatch(x -> x.matcher(lower).find())) {
                hits.put(MoveLabel.DECISION_PROCESS, HINT);
            }
            if (RAPPORT.stream().anyMatch(x -> x.matcher(lower).find())) {
                hits.put(MoveLabel.RAPPORT, HINT);
            }
        }
        return hits;
    }

    /**
     * Whether the sentence takes pressure off (permission to say no, "no rush", an apology for pushing, stepping back
     * after a no, empathy) while the rules see no pressure in it: the neighbours' pressure vote is then not trusted.
     * {@code hits} is what {@link #apply} found in the same sentence.
     */
    static boolean deescalates(String rawSentence, Map<MoveLabel, Double> hits) {
        if (hits.keySet().stream().anyMatch(MoveLabel::isPressure)) {
            return false;
        }
        String lower = Segmenter.normalise(rawSentence).toLowerCase(Locale.ROOT);
        return hits.containsKey(MoveLabel.PERMISSION_NO)
                || DEESCALATION.stream().anyMatch(x -> x.matcher(lower).find())
                || EMPATHY_BLAME_FREE.matcher(lower).find() || EMPATHY_TOUGH.matcher(lower).find()
                || STEP_BACK.matcher(lower).find() && !CONDITIONAL.matcher(lower).find();
    }

    /** Whether the sentence asks: a question, or a statement that asks ("Walk me through…", "Tell me about…"). */
    static boolean asks(String rawSentence) {
        String body = VOCATIVE.matcher(Segmenter.normalise(rawSentence)).replaceFirst("");
        String lower = body.toLowerCase(Locale.ROOT);
        return lower.endsWith("?") || ASKING.matcher(DISCOURSE.matcher(lower).replaceFirst("")).find();
    }

    static java.util.Optional<MoveLabel> form(String core, boolean question) {
        if (OPEN_IMPERATIVE.matcher(core).find()) {
            return java.util.Optional.of(MoveLabel.OPEN_QUESTION);
        }
        if (!question || SUGGESTION.matcher(core).find()) {
            return java.util.Optional.empty();
        }
        for (String chunk : CHUNK.split(core)) {
            String c = DISCOURSE.matcher(chunk.strip()).replaceFirst("");
            String first = firstWord(c);
            if (WH.contains(first)) {
                return java.util.Optional.of(MoveLabel.OPEN_QUESTION);
            }
            if (AUX.contains(first)) {
                return java.util.Optional.of(MoveLabel.CLOSED_QUESTION);
            }
        }
        // A statement said as a question ("You've spoken with legal?") asks for a yes or a no.
        return java.util.Optional.of(MoveLabel.CLOSED_QUESTION);
    }

    private static final Pattern FIRST_WORD = Pattern.compile("^[\\p{L}']+");

    private static String firstWord(String s) {
        Matcher m = FIRST_WORD.matcher(s);
        return m.find() ? m.group() : "";
    }

    private static boolean leading(String core, String lower, boolean question) {
        if (question && TAG.matcher(lower).find()) {
            return true;
        }
        if (question && NEGATIVE_AUX_OPENING.matcher(core).find()) {
            return true;
        }
        if (PRESUMING.matcher(lower).find()) {
            return true;
        }
        if (question && ASSUMPTIVE.matcher(core).find()) {
            return true;
        }
        return question && EITHER_OR.matcher(lower).find() && ALTERNATIVE_CLOSE_VERB.matcher(lower).find();
    }

    private static boolean ultimatum(String lower) {
        if (TAKE_IT_OR_LEAVE_IT.matcher(lower).find()) {
            return true;
        }
        boolean consequence = REP_THREAT.matcher(lower).find() || LOSS.matcher(lower).find();
        if (!consequence || !ASK_WORD.matcher(lower).find() && !lower.contains("hear back")) {
            return false;
        }
        Matcher cond = NEGATED_CONDITION.matcher(lower);
        while (cond.find()) {
            String clause = cond.group(1);
            if (NEGATION.matcher(clause).find() && (ASK_WORD.matcher(clause).find() || clause.contains("hear"))) {
                return true;
            }
        }
        return UNLESS_WITHOUT.matcher(lower).find() || OR_ELSE.matcher(lower).find();
    }

    private static boolean controlling(String core, String lower) {
        Matcher m = YOU_MUST.matcher(lower);
        while (m.find()) {
            String before = lower.substring(0, m.start());
            if (!YOU_MUST_VETO_BEFORE.matcher(before).find() && !YOU_SHOULD_SOFT.matcher(lower.substring(m.start())).lookingAt()) {
                return true;
            }
        }
        return CONTROLLING.matcher(lower).find() || IMPERATIVE.matcher(core).find();
    }
}
