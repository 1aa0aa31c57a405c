package dev.byline.comment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The same comment told apart from a different one, whatever punctuation, case or a changed word. */
class NearDuplicatesTest {

    @Test
    void identicalOnceCaseAccentsAndPunctuationAreIgnored() {
        assertTrue(NearDuplicates.same("Great article!", "great   article"));
        assertTrue(NearDuplicates.same("Café society.", "cafe SOCIETY"));
        assertTrue(NearDuplicates.same("Buy now!!! http://x.example", "buy now: http://x.example"));
    }

    @Test
    void aWordOrTwoChangedInALongerCommentIsStillTheSame() {
        String original = "The minister said the grain deal would hold through the winter, but nobody believes that.";
        assertTrue(NearDuplicates.same(original, original.replace("minister", "ministers")));
        assertTrue(NearDuplicates.same(original, original + " Really."));
    }

    @Test
    void differentCommentsAreNotTheSame() {
        assertFalse(NearDuplicates.same("I agree", "I disagree"));
        assertFalse(NearDuplicates.same("Thanks for this report.", "This report is wrong about the dates."));
        assertFalse(NearDuplicates.same("yes", "no"));
        assertFalse(NearDuplicates.same("The grain deal will hold.", "The grain deal will collapse by spring, mark my words."));
    }
}
