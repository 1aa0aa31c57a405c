package dev.byline.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The newsroom's public site configured, with article pages by section and slug: the one profile every test of site
 * links shares (Quarkus restarts once per profile, so they run together).
 */
public class NewsSite implements QuarkusTestProfile {

    public static final String HOME = "https://news.example/";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("byline.site.base-url", HOME,
                "byline.site.article-url", "https://news.example/{section}/{slug}",
                "byline.site.name", "Example News & Co",
                "byline.site.language", "en-GB");
    }
}
