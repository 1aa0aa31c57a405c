package dev.byline.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.web.Patterns;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Slugs from headlines in any script: readable ASCII, within the contract's slug pattern. */
class SlugsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Выборы в Москве: объявлены итоги голосования | vybory-v-moskve-obavleny-itogi-golosovania
            Путин и Макрон обсудили зерновую сделку       | putin-i-makron-obsudili-zernovuu-sdelku
            الحكومة تعلن نتائج الانتخابات                 | alhkwmt-tln-ntayj-alantkhabat
            चुनाव के नतीजे घोषित                          | cunava-ke-natije-ghosita
            東京で選挙結果が発表された                        | dong-jingde-xuan-ju-jie-guoga-fa-biaosareta
            コーヒーの値段が上がる                            | kohino-zhi-duanga-shanggaru
            Εκλογές στην Αθήνα                            | ekloges-sten-athena
            Київ: зʼїзд партії                             | kiiv-zizd-partii
            """)
    void otherScriptsAreSpelledInLatinLetters(String headline, String slug) {
        assertEquals(slug, Slugs.fromHeadline(headline));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Grain shipments resume after talks        | grain-shipments-resume-after-talks
            Café opens in Zürich                      | cafe-opens-in-zurich
            Straße near Øresund and Łódź closed       | strasse-near-oresund-and-lodz-closed
            Ukraine's “grain” deal — €5bn at stake    | ukraine-s-grain-deal-5bn-at-stake
            """)
    void latinHeadlinesKeepTheSlugsTheyHadBefore(String headline, String slug) {
        assertEquals(slug, Slugs.fromHeadline(headline));
    }

    @Test
    void aHeadlineMixingScriptsKeepsItsLatinWordsAsTheyAre() {
        assertEquals("putin-meets-macron-in-pariz", Slugs.fromHeadline("Путин meets Macron in Париж"));
    }

    @Test
    void longHeadlinesInAnyScriptAreCutAtAWordWithinTheSlugPattern() {
        String slug = Slugs.fromHeadline("Правительство России объявило о новых мерах поддержки экономики в условиях "
                + "санкций и снижения цен на нефть на мировых рынках");
        assertTrue(slug.length() <= 80, slug);
        assertTrue(slug.matches(Patterns.SLUG), slug);
        assertTrue(slug.startsWith("pravitelstvo-rossii-obavilo-o-novyh-merah"), slug);
    }

    @Test
    void aHeadlineWithNothingToSpellStillGetsASlug() {
        assertEquals("article", Slugs.fromHeadline("🗳️ ✅"));
    }

    @Test
    void threadsShareTheTransliterator() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> slugs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                slugs.add(pool.submit(() -> Slugs.fromHeadline("Выборы в Москве: объявлены итоги голосования")));
            }
            for (Future<String> slug : slugs) {
                assertEquals("vybory-v-moskve-obavleny-itogi-golosovania", slug.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
