package io.scstbus.rewards.worker;

/**
 * Size limits a worker enforces before any signal sees a caption. A caption past a limit is scored
 * INVALID with the limit in the reason, never truncated silently.
 */
public record CaptionLimits(int maxChars, int maxTokens) {

    public static final CaptionLimits DEFAULT = new CaptionLimits(2_000, 200);

    public CaptionLimits {
        if (maxChars < 1) {
            throw new IllegalArgumentException("caption max-chars must be >= 1, got " + maxChars);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("caption max-tokens must be >= 1, got " + maxTokens);
        }
    }

    /**
     * Null when the caption is within limits, else the reason it is not. An empty (or all-blank) caption
     * is INVALID too: no signal can measure it, and a 0 for it would be a silent 0.
     */
    public String check(String caption) {
        if (caption.isBlank()) {
            return "caption is empty";
        }
        if (caption.length() > maxChars) {
            return "caption has " + caption.length() + " characters, limit is " + maxChars;
        }
        int tokens = 0;
        boolean inToken = false;
        for (int i = 0; i < caption.length(); i++) {
            boolean space = Character.isWhitespace(caption.charAt(i));
            if (!space && !inToken) {
                tokens++;
            }
            inToken = !space;
        }
        if (tokens > maxTokens) {
            return "caption has " + tokens + " words, limit is " + maxTokens;
        }
        for (int i = 0; i < caption.length(); i++) {
            char c = caption.charAt(i);
            if (c == '\uFFFD' || (Character.isISOControl(c) && !Character.isWhitespace(c))) {
                return "caption contains a control or replacement character at offset " + i;
            }
        }
        return null;
    }
}
