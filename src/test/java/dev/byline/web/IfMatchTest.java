package dev.byline.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** If-Match as writes read it: 428 when required and absent, 412 when it names another version, else on. */
class IfMatchTest {

    @Test
    void absentIsNoPreconditionUnlessOneIsRequired() {
        for (String header : new String[] {null, "", "   "}) {
            IfMatch ifMatch = IfMatch.of(header);
            assertDoesNotThrow(() -> ifMatch.check(3, "article"));
            ProblemException refused = assertThrows(ProblemException.class, () -> ifMatch.require(3, "article"));
            assertEquals(ProblemType.PRECONDITION_REQUIRED, refused.type());
        }
    }

    @Test
    void anyTagOfTheCurrentVersionPassesWeakOrStrongAmongOthers() {
        assertDoesNotThrow(() -> IfMatch.of("*").require(3, "article"));
        assertDoesNotThrow(() -> IfMatch.of("\"v3-0a1b\"").require(3, "article"));
        assertDoesNotThrow(() -> IfMatch.of("W/\"v3-0a1b\"").require(3, "article"));
        assertDoesNotThrow(() -> IfMatch.of("\"v2-ff\", \"v3\"").require(3, "article"));
        assertEquals(List.of(2L, 3L), IfMatch.of("\"v2-ff\", W/\"v3\"").versions());
        assertDoesNotThrow(() -> IfMatch.version(7).require(7, "source"));
    }

    @Test
    void anotherVersionOrSomethingThatIsNoTagIs412SayingWhich() {
        ProblemException stale = assertThrows(ProblemException.class, () -> IfMatch.of("\"v2-ff\"").check(3, "source"));
        assertEquals(ProblemType.PRECONDITION_FAILED, stale.type());
        assertTrue(stale.getMessage().contains("now at version 3"), stale.getMessage());
        for (String junk : new String[] {"v3", "\"abc\"", "\"v99999999999999999999999\""}) {
            ProblemException wrong = assertThrows(ProblemException.class, () -> IfMatch.of(junk).check(3, "source"));
            assertEquals(ProblemType.PRECONDITION_FAILED, wrong.type());
            assertTrue(wrong.getMessage().contains("must be an ETag"), junk + ": " + wrong.getMessage());
        }
    }
}
