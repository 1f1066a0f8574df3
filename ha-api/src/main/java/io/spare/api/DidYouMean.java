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
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(1, Math.min(4, typed.length() / 3));
        if (bestDistance <= allowed || sharesLongPrefix(typed, best.toLowerCase(Locale.ROOT))) {
            return Optional.of(best);
        }
        return Optional.empty();
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
