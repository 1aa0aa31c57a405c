package dev.byline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.byline.BylineConfig;
import dev.byline.database.ServerSecrets;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one keyset cut every list uses: limit+1 rows in, a page and the cursor of its last row out. */
class KeysetPagingTest {

    private static final String SCOPE = "things";
    private static final BylineConfig CONFIG = (BylineConfig) Proxy.newProxyInstance(
            BylineConfig.class.getClassLoader(), new Class<?>[] {BylineConfig.class}, (proxy, method, args) -> {
                if (method.getName().equals("cursorSecret")) {
                    return Optional.of("a secret for tests");
                }
                throw new UnsupportedOperationException(method.getName());
            });
    /** With a configured secret the stored one, and so the database, is never read. */
    private final CursorCodec cursors = new CursorCodec(CONFIG, new ServerSecrets(null));

    @Test
    void aRowBeyondTheLimitMeansAnotherPageThatStartsAfterTheLastShown() {
        List<Integer> rows = List.of(1, 2, 3, 4);
        assertEquals(4, CursorCodec.fetchSize(3));

        Page<String> page = cursors.page(SCOPE, rows, 3, last -> List.of(last.toString()), row -> "#" + row);

        assertEquals(List.of("#1", "#2", "#3"), page.items());
        assertEquals(3, cursors.decode(SCOPE, page.next(), 1).integer(0));
    }

    @Test
    void noRowBeyondTheLimitIsTheLastPage() {
        Page<String> full = cursors.page(SCOPE, List.of(1, 2, 3), 3, last -> List.of(last.toString()),
                row -> "#" + row);
        Page<String> empty = cursors.page(SCOPE, List.<Integer>of(), 3, last -> List.of(last.toString()),
                row -> "#" + row);

        assertEquals(List.of("#1", "#2", "#3"), full.items());
        assertNull(full.next());
        assertEquals(List.of(), empty.items());
        assertNull(empty.next());
    }

    @Test
    void cursorValuesAreReadByType() {
        Instant at = Instant.parse("2026-11-28T09:30:00.123456Z");
        UUID id = UUID.randomUUID();
        String cursor = cursors.encode(SCOPE, List.of(at.toString(), id.toString(), "7", "slug"));

        CursorCodec.Values values = cursors.decode(SCOPE, cursor, 4);

        assertEquals(at, values.instant(0));
        assertEquals(id, values.uuid(1));
        assertEquals(7, values.integer(2));
        assertEquals(7L, values.number(2));
        assertEquals("slug", values.text(3));
    }

    @Test
    void aValueOfTheWrongKindOrACursorOfAnotherQueryIsTheInvalidCursorProblem() {
        CursorCodec.Values values = cursors.decode(SCOPE, cursors.encode(SCOPE, List.of("not a time")), 1);
        ProblemException wrongKind = assertThrows(ProblemException.class, () -> values.instant(0));
        ProblemException otherQuery = assertThrows(ProblemException.class,
                () -> cursors.decode("other things", cursors.encode(SCOPE, List.of("1")), 1));

        assertEquals(ProblemType.BAD_CURSOR, wrongKind.type());
        assertEquals(ProblemType.BAD_CURSOR, otherQuery.type());
        assertEquals("cursor", otherQuery.errors().get(0).field());
    }
}
