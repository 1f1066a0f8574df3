package io.spare.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known word closest to a misspelt one (Levenshtein distance, with a length-aware
 * cut-off): the engine's rule for unknown configuration keys and values, for plugins to share.
 */
public final class DidYouMean {
    private DidYouMean() {}

    /** The candidate {@code word} was most likely meant to be, if one is close enough. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String typed = word.toLowerCase(Locale.ROOT);
        Optional<Match> best = best(typed, candidates, true);
        if (best.isEmpty()) {
            return Optional.empty();
        }
        String match = best.get().candidate();
        int allowed = Math.max(1, Math.min(4, typed.length() / 3));
        if (best.get().distance() <= allowed || sharesLongPrefix(typed, match.toLowerCase(Locale.ROOT))) {
            return Optional.of(match);
        }
        return Optional.empty();
    }

    /**
     * The candidate nearest to {@code word} (case counts) if it is at most {@code maxDistance} edits
     * away: for callers with a cut-off of their own.
     */
    public static Optional<String> nearest(String word, Collection<String> candidates, int maxDistance) {
        return best(word, candidates, false).filter(m -> m.distance() <= maxDistance).map(Match::candidate);
    }

    private record Match(String candidate, int distance) {}

    /** The first candidate at the smallest distance from {@code typed}. */
    private static Optional<Match> best(String typed, Collection<String> candidates, boolean ignoreCase) {
        Match best = null;
        for (String candidate : candidates) {
            int distance = distance(typed, ignoreCase ? candidate.toLowerCase(Locale.ROOT) : candidate);
            if (best == null || distance < best.distance()) {
                best = new Match(candidate, distance);
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean `x`?"}, or nothing. */
    public static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(match -> "; did you mean `" + match + "`?").orElse("");
    }

    // advert_interval -> advert_int, virtual_ipaddresses -> virtual_ipaddress
    private static boolean sharesLongPrefix(String typed, String candidate) {
        return Math.min(typed.length(), candidate.length()) >= 5 && (typed.startsWith(candidate) || candidate.startsWith(typed));
    }

    /** The Levenshtein distance: insertions, deletions and substitutions needed to turn {@code a} into {@code b}. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
