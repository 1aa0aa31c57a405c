package dev.byline.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.byline.article.ArticleStatus;
import dev.byline.article.CitationRole;
import dev.byline.comment.CommentStatus;
import dev.byline.ingest.ImportForm;
import dev.byline.ingest.ImportKey;
import dev.byline.source.SourceKind;
import dev.byline.webhook.WebhookStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each enum stored as text writes exactly the values its column's CHECK constraint admits, and reads them back. */
@QuarkusTest
class EnumAsTextTest {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Inject
    EntityManager entityManager;

    @Test
    void everyValueIsStoredAsATextTheColumnAdmitsAndEveryAdmittedTextIsAValue() {
        assertStoredAs(new ArticleStatus.AsText(), ArticleStatus.values(), "article", "status");
        assertStoredAs(new CitationRole.AsText(), CitationRole.values(), "article_cited_source", "role");
        assertStoredAs(new SourceKind.AsText(), SourceKind.values(), "source", "kind");
        assertStoredAs(new CommentStatus.AsText(), CommentStatus.values(), "comment", "status");
        assertStoredAs(new ImportKey.Kind.AsText(), ImportKey.Kind.values(), "import_key", "kind");
        assertStoredAs(new ImportForm.AsText(), ImportForm.values(), "import_key", "form");
        assertStoredAs(new WebhookStatus.AsText(), WebhookStatus.values(), "webhook_subscription", "status");
    }

    @Test
    void aStoredTextNoValueHasIsAnErrorNotNull() {
        assertThrows(IllegalStateException.class, () -> new ArticleStatus.AsText().convertToEntityAttribute("DRAFT"));
        assertEquals(null, new ArticleStatus.AsText().convertToEntityAttribute(null));
    }

    private <E extends Enum<E>> void assertStoredAs(EnumAsText<E> converter, E[] values, String table, String column) {
        Set<String> stored = Arrays.stream(values).map(converter::convertToDatabaseColumn)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(admitted(table, column), stored, table + "." + column);
        for (E value : values) {
            assertEquals(value, converter.convertToEntityAttribute(converter.convertToDatabaseColumn(value)));
        }
    }

    /** The texts of the CHECK constraint that lists {@code column}'s values, as PostgreSQL reads it back. */
    private Set<String> admitted(String table, String column) {
        @SuppressWarnings("unchecked")
        List<String> checks = entityManager.createNativeQuery("""
                select pg_get_constraintdef(oid) from pg_constraint
                where conrelid = cast(?1 as regclass) and contype = 'c'""")
                .setParameter(1, table).getResultList();
        List<String> lists = checks.stream().filter(c -> c.startsWith("CHECK ((" + column + " = ANY")).toList();
        assertEquals(1, lists.size(), "one CHECK constraint lists " + table + "." + column + ": " + checks);
        Set<String> texts = new TreeSet<>();
        Matcher quoted = QUOTED.matcher(lists.get(0));
        while (quoted.find()) {
            texts.add(quoted.group(1));
        }
        return texts;
    }
}
